// How to use the proxies: the username grammar and what the gateway's errors mean. A chunk of its own, at the foot of
// the dashboard (Dashboard.tsx shows its heading).
import { POOL_LABELS, POOLS, ROTATION_LABELS, ROTATION_MODES } from '../../../src/shared/proxy-url.ts';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { type Column, Table } from '../components/Table.tsx';

type GatewayError = [code: string, status: string, meaning: string];

const ERRORS: GatewayError[] = [
  [
    'E_AUTH_INVALID',
    '407',
    'Wrong username or key. Copy the URL again; after a rotation only the new key works (allow up to 30 s).',
  ],
  ['E_CAP_EXCEEDED', '407', 'All your traffic is used. Buy more and the key switches back on.'],
  [
    'E_RATE_LIMITED_*',
    '429',
    'Too many requests or connections at once (500 connections per account). Slow down and retry.',
  ],
  ['E_SESSION_LIMIT', '429', 'Too many open sessions (250 per account). Close some below or reuse session ids.'],
  [
    'E_NO_STOCK_COUNTRY',
    '502',
    'No device is online in that country and pool right now. Pick another country, or the “any” pool.',
  ],
  ['E_STOCK_DEGRADED', '502', 'The pool is short of devices at the moment. Retry shortly, or choose another country.'],
];

const ERROR_COLUMNS: Column<GatewayError>[] = [
  { head: 'Error', class: 'mono', tokens: true, cell: ([code]) => code },
  { head: 'HTTP', cell: ([, status]) => status },
  { head: 'What to do', cell: ([, , meaning]) => meaning },
];

export function HelpPanel({ username }: { username: string }) {
  return (
    <>
      <details>
        <summary>The proxy username, token by token</summary>
        <p>
          Your settings travel in the proxy username, separated by <code>-</code>, in this order:
        </p>
        <CodeBlock label="Proxy username format">{`${username}-POOL[-COUNTRY][-sid-ID][-rot-MODE]`}</CodeBlock>
        <ul>
          <li>
            <strong>Pool</strong> (always first): {POOLS.map((p) => `${p} = ${POOL_LABELS[p]}`).join('; ')}.
          </li>
          <li>
            <strong>Country</strong>: two lowercase letters (<code>us</code>, <code>de</code>); leave it out for any
            country.
          </li>
          <li>
            <strong>sid-ID</strong>: a sticky session id of 1–64 lowercase letters, digits and <code>_</code>. No dashes
            or spaces: the gateway drops a bad sid without telling you, and your session is no longer sticky.
          </li>
          <li>
            <strong>rot-MODE</strong>: {ROTATION_MODES.map((m) => `${m} = ${ROTATION_LABELS[m]}`).join('; ')}. Sticky
            needs a sid.
          </li>
        </ul>
        <p>
          The key is the password. HTTP uses port 7000, SOCKS5 port 7001. Example:{' '}
          <code class="mono">{`http://${username}-mbl-us-sid-bot_1-rot-sticky:KEY@host:7000`}</code>
        </p>
      </details>
      <details>
        <summary>Errors from the proxy gateway</summary>
        <Table caption="Gateway errors" columns={ERROR_COLUMNS} rows={ERRORS} rowKey={([code]) => code} />
      </details>
    </>
  );
}
