// N sticky URLs at once (sids `{base}_1…{base}_N`, one IP each): copy them all or download a .txt.
import { useState } from 'preact/hooks';
import {
  isValidSessionId,
  MAX_BATCH_PREFIX,
  MAX_STICKY_BATCH,
  normaliseSessionId,
} from '../../../src/shared/proxy-url.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { t } from '../i18n.ts';
import { ensureSecret } from '../state/account.ts';
import { announce } from '../state/announce.ts';
import { batchUrls, built, randomSid, sid } from '../state/builder.ts';

export function BatchUrls() {
  const [count, setCount] = useState(10);
  const [base] = useState(randomSid);
  if (!built.value?.ok) return null;
  const typed = sid.value.trim();
  // The typed sid (or its valid form) prefixes the batch.
  const typedSid = typed && (isValidSessionId(typed) ? typed : normaliseSessionId(typed));
  const prefix = (typedSid || base).slice(0, MAX_BATCH_PREFIX);
  const n = Math.min(Math.max(Number.isFinite(count) ? Math.floor(count) : 1, 1), MAX_STICKY_BATCH);
  const preview = batchUrls(prefix, Math.min(n, 5), null);

  async function real(): Promise<string> {
    return batchUrls(prefix, n, await ensureSecret()).join('\n');
  }

  async function download() {
    try {
      const blob = new Blob([`${await real()}\n`], { type: 'text/plain' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `proxies-${prefix}-${n}.txt`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      announce(t('batch.downloaded', { count: n }));
    } catch (err) {
      announce((err as Error).message);
    }
  }

  return (
    <details class="batch">
      <summary>{t('batch.summary')}</summary>
      <div class="stack">
        <div class="field inline-field">
          <label for="batch-n">{t('batch.howMany')}</label>
          <input
            id="batch-n"
            type="number"
            min={1}
            max={MAX_STICKY_BATCH}
            value={count}
            onInput={(e) => setCount(e.currentTarget.valueAsNumber)}
            aria-describedby="batch-hint"
          />
        </div>
        <p class="hint" id="batch-hint">
          {t('batch.hint', { first: `${prefix}_1`, last: `${prefix}_${n}`, max: MAX_STICKY_BATCH })}
        </p>
        <CodeBlock label={t('batch.preview')}>
          {preview.join('\n') + (n > preview.length ? `\n${t('batch.more', { count: n - preview.length })}` : '')}
        </CodeBlock>
        <div class="actions">
          <CopyButton text={real} what={t('batch.urls', { count: n })} label={t('batch.copyAll')} />
          <button type="button" class="secondary" onClick={download}>
            {t('batch.download')}
          </button>
        </div>
      </div>
    </details>
  );
}
