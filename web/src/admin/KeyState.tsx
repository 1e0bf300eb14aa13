// A customer's proxy keys in the console: the current key as the shop set it and as the platform reports it, a
// key a person switched off in the Proxies.sx panel, and every generation (current, retiring until …, retired).
import type { AdminKeyGeneration, CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDateTime, formatGb } from '../../../src/shared/format.ts';
import { type Column, Table } from '../components/Table.tsx';

function generationState(g: AdminKeyGeneration): string {
  if (g.state === 'current') return 'Current';
  if (g.state === 'retiring')
    return (g.graceUntil ?? 0) > Date.now()
      ? `Retiring: works until ${formatDateTime(g.graceUntil)}`
      : `Retiring: grace ended ${formatDateTime(g.graceUntil)}, switched off; its unused GB move to the current key`;
  const carried =
    g.carriedOutGb !== null && g.carriedInto !== null ? `, ${g.carriedOutGb} GB carried to #${g.carriedInto}` : '';
  return `Retired${carried}${g.deletedAt ? `, deleted ${formatDateTime(g.deletedAt)}` : ''}`;
}

const GENERATION_COLUMNS: Column<AdminKeyGeneration>[] = [
  { head: '#', rowHeader: true, cell: (g) => g.generation },
  { head: 'Key', class: 'mono', cell: (g) => g.secretMask ?? '—' },
  { head: 'GB / used', cell: (g) => `${formatGb(g.gb)} / ${formatGb(g.usedGb)}` },
  {
    head: 'State',
    cell: (g) => (
      <>
        {generationState(g)}
        {g.upstreamDisabledAt !== null && <span class="status-provider_disabled"> · disabled by the provider</span>}
      </>
    ),
  },
  { head: 'Opened', cell: (g) => formatDateTime(g.createdAt) },
];

/** The customer's keys, newest first: they are rolled onto a new key when one would pass the cap ceiling. */
function Generations({ generations }: { generations: AdminKeyGeneration[] }) {
  if (generations.length < 2) return null;
  return (
    <>
      <h3>Key generations</h3>
      <Table
        caption="Key generations"
        columns={GENERATION_COLUMNS}
        rows={generations}
        rowKey={(g) => String(g.generation)}
      />
    </>
  );
}

export function KeyState({ d }: { d: Detail }) {
  const k = d.key;
  if (!k) return <p class="muted">No proxy key: nothing bought or granted yet.</p>;
  const up = k.upstream;
  return (
    <div class="stack">
      {k.upstreamDisabledAt !== null && (
        <p class="banner danger" role="status">
          Disabled by the provider: a person switched this key off in the Proxies.sx panel (seen{' '}
          {formatDateTime(k.upstreamDisabledAt)}). The shop leaves it off and refuses new purchases; the customer is
          told to contact support. Switch it back on in the panel to lift it.
        </p>
      )}
      <div class="grid">
        <div class="card">
          <h3>Shop’s record</h3>
          <dl class="facts">
            <div>
              <dt>Key</dt>
              <dd class="mono">
                {k.secretMask ?? '—'} <span class="muted">#{k.generation}</span>
              </dd>
            </div>
            <div>
              <dt>Cap</dt>
              <dd>{formatGb(k.capGb)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>{formatDateTime(k.expiresAt)}</dd>
            </div>
            <div>
              <dt>Enabled</dt>
              <dd>{k.enabled === null ? '—' : k.enabled ? 'Yes' : 'No'}</dd>
            </div>
            <div>
              <dt>Sync</dt>
              <dd>
                {k.syncState}
                {k.attempts > 0 && ` (${k.attempts} attempts)`}
              </dd>
            </div>
            {k.lastError && (
              <div>
                <dt>Last error</dt>
                <dd class="mono">{k.lastError}</dd>
              </div>
            )}
          </dl>
        </div>
        <div class="card">
          <h3>Platform</h3>
          <dl class="facts">
            {up ? (
              <>
                <div>
                  <dt>Enabled</dt>
                  <dd>{up.enabled ? 'Yes' : 'No'}</dd>
                </div>
                <div>
                  <dt>Used / cap</dt>
                  <dd>
                    {formatGb(up.usedGb)} / {formatGb(up.capGb)}
                  </dd>
                </div>
                <div>
                  <dt>Expires</dt>
                  <dd>
                    {formatDateTime(up.expiresAt)}
                    {up.isExpired && ' (expired)'}
                  </dd>
                </div>
                <div>
                  <dt>Last used</dt>
                  <dd>{formatDateTime(up.lastUsedAt)}</dd>
                </div>
              </>
            ) : (
              <p class="muted">{k.upstreamError ?? 'No key on the platform yet.'}</p>
            )}
          </dl>
        </div>
      </div>
      <Generations generations={k.generations} />
    </div>
  );
}
