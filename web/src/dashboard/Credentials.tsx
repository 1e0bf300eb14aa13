// The proxy credentials: gateway host and ports, username, and the key (masked until the customer reveals it).
import type { AccountAnswer } from '../../../src/shared/dashboard.ts';
import { PROTOCOL_PORTS } from '../../../src/shared/proxy-url.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { t } from '../i18n.ts';
import { ensureSecret, secret, showSecret } from '../state/account.ts';
import { useAction } from '../state/resource.ts';

function Row({ label, value, copy }: { label: string; value: string; copy?: string | (() => Promise<string | null>) }) {
  return (
    <div class="cred">
      <dt>{label}</dt>
      <dd>
        <code class="mono value">{value}</code>
        {copy !== undefined && <CopyButton text={copy} what={label} />}
      </dd>
    </div>
  );
}

/** What the key's state means for the credentials, when it is off. */
function offWords(status: AccountAnswer['key']['status']): [badge: string, note: string] | undefined {
  if (status === 'disabled') return [t('cred.off'), t('cred.offNote')];
  if (status === 'expired') return [t('cred.expired'), t('cred.expiredNote')];
  return undefined;
}

export function Credentials({ me }: { me: AccountAnswer }) {
  const reveal = useAction(ensureSecret);
  const busy = reveal.loading.value;
  const error = reveal.error.value;
  const shown = showSecret.value && secret.value;
  const off = offWords(me.key.status);

  async function toggle() {
    if (showSecret.value) showSecret.value = false;
    else if (await reveal.run()) showSecret.value = true;
  }

  return (
    <section class="card" aria-labelledby="cred-title">
      <h2 id="cred-title">{t('cred.title')}</h2>
      <dl class="creds">
        <Row label={t('cred.host')} value={me.gateway.host} copy={me.gateway.host} />
        <Row label={t('cred.ports')} value={`HTTP ${PROTOCOL_PORTS.http} · SOCKS5 ${PROTOCOL_PORTS.socks5}`} />
        <Row label={t('cred.username')} value={me.gateway.username} copy={me.gateway.username} />
        <div class="cred">
          <dt>
            {t('cred.key')} {off && <span class="status status-disabled">{off[0]}</span>}
          </dt>
          <dd>
            <code class="mono value" data-testid="key" elementtiming="key">
              {shown ? secret.value : (me.key.secretMask ?? '—')}
            </code>
            <button type="button" class="secondary" onClick={toggle} disabled={busy} aria-pressed={showSecret.value}>
              {showSecret.value ? t('cred.hide') : busy ? t('cred.revealing') : t('cred.reveal')}
            </button>
            <CopyButton text={ensureSecret} what={t('cred.keyShort')} />
          </dd>
        </div>
      </dl>
      {off && <p class="error-text">{off[1]}</p>}
      <ErrorText error={error} />
      <p class="hint">{t('cred.hint')}</p>
    </section>
  );
}
