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
      announce(`Downloaded ${n} proxy URLs.`);
    } catch (err) {
      announce((err as Error).message);
    }
  }

  return (
    <details class="batch">
      <summary>Many sticky URLs at once</summary>
      <div class="stack">
        <div class="field inline-field">
          <label for="batch-n">How many</label>
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
          Session ids {prefix}_1 … {prefix}_{n}, sticky rotation, with the pool, country and protocol above. Up to{' '}
          {MAX_STICKY_BATCH} (the gateway’s limit of open sessions).
        </p>
        <CodeBlock label="First URLs of the batch">
          {preview.join('\n') + (n > preview.length ? `\n… ${n - preview.length} more` : '')}
        </CodeBlock>
        <div class="actions">
          <CopyButton text={real} what={`${n} proxy URLs`} label="Copy all" />
          <button type="button" class="secondary" onClick={download}>
            Download .txt
          </button>
        </div>
      </div>
    </details>
  );
}
