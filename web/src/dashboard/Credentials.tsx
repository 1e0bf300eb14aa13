// The proxy credentials: gateway host and ports, username, and the key (masked until the customer reveals it).
import type { AccountAnswer } from '../../../src/shared/dashboard.ts';
import { PROTOCOL_PORTS } from '../../../src/shared/proxy-url.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
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
const OFF: Partial<Record<AccountAnswer['key']['status'], [badge: string, note: string]>> = {
  disabled: ['Switched off', 'This key is switched off: the gateway refuses it until it is switched back on.'],
  expired: ['Expired', 'This key has expired: the gateway refuses it until you buy more traffic.'],
};

export function Credentials({ me }: { me: AccountAnswer }) {
  const reveal = useAction(ensureSecret);
  const busy = reveal.loading.value;
  const error = reveal.error.value;
  const shown = showSecret.value && secret.value;
  const off = OFF[me.key.status];

  async function toggle() {
    if (showSecret.value) showSecret.value = false;
    else if (await reveal.run()) showSecret.value = true;
  }

  return (
    <section class="card" aria-labelledby="cred-title">
      <h2 id="cred-title">Your proxy credentials</h2>
      <dl class="creds">
        <Row label="Host" value={me.gateway.host} copy={me.gateway.host} />
        <Row label="Ports" value={`HTTP ${PROTOCOL_PORTS.http} · SOCKS5 ${PROTOCOL_PORTS.socks5}`} />
        <Row label="Username" value={me.gateway.username} copy={me.gateway.username} />
        <div class="cred">
          <dt>Key (password) {off && <span class="status status-disabled">{off[0]}</span>}</dt>
          <dd>
            <code class="mono value" data-testid="key" elementtiming="key">
              {shown ? secret.value : (me.key.secretMask ?? '—')}
            </code>
            <button type="button" class="secondary" onClick={toggle} disabled={busy} aria-pressed={showSecret.value}>
              {showSecret.value ? 'Hide' : busy ? 'Revealing…' : 'Reveal'}
            </button>
            <CopyButton text={ensureSecret} what="Key" />
          </dd>
        </div>
      </dl>
      {off && <p class="error-text">{off[1]}</p>}
      <ErrorText error={error} />
      <p class="hint">Keep the key private: anyone who has it uses your traffic. If it leaks, rotate it below.</p>
    </section>
  );
}
