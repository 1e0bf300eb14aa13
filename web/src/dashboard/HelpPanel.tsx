// How to use the proxies: the username grammar and what the gateway's errors mean. A chunk of its own, at the foot of
// the dashboard (Dashboard.tsx shows its heading).
import { POOLS, ROTATION_MODES } from '../../../src/shared/proxy-url.ts';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { rich, t } from '../i18n.ts';
import { poolLabel, rotationLabel } from './labels.ts';

type GatewayError = [code: string, status: string, meaning: () => string];

const ERRORS: GatewayError[] = [
  ['E_AUTH_INVALID', '407', () => t('help.authInvalid')],
  ['E_CAP_EXCEEDED', '407', () => t('help.capExceeded')],
  ['E_RATE_LIMITED_*', '429', () => t('help.rateLimited')],
  ['E_SESSION_LIMIT', '429', () => t('help.sessionLimit')],
  ['E_NO_STOCK_COUNTRY', '502', () => t('help.noStock')],
  ['E_STOCK_DEGRADED', '502', () => t('help.degraded')],
];

const errorColumns = (): Column<GatewayError>[] => [
  { head: t('help.error'), class: 'mono', tokens: true, cell: ([code]) => code },
  { head: 'HTTP', cell: ([, status]) => status },
  { head: t('help.whatToDo'), cell: ([, , meaning]) => meaning() },
];

export function HelpPanel({ username }: { username: string }) {
  return (
    <>
      <details>
        <summary>{t('help.username')}</summary>
        <p>{rich('help.intro', { dash: <code>-</code> })}</p>
        <CodeBlock label={t('help.format')}>{`${username}-POOL[-COUNTRY][-sid-ID][-rot-MODE]`}</CodeBlock>
        <ul>
          <li>
            <strong>{t('help.pool')}</strong>{' '}
            {t('help.poolText', { list: POOLS.map((p) => `${p} = ${poolLabel(p)}`).join('; ') })}
          </li>
          <li>
            <strong>{t('help.country')}</strong>
            {rich('help.countryText', { us: <code>us</code>, de: <code>de</code> })}
          </li>
          <li>
            <strong>sid-ID</strong>
            {rich('help.sidText', { underscore: <code>_</code> })}
          </li>
          <li>
            <strong>rot-MODE</strong>
            {t('help.rotText', { list: ROTATION_MODES.map((m) => `${m} = ${rotationLabel(m)}`).join('; ') })}
          </li>
        </ul>
        <p>
          {rich('help.keyText', {
            example: <code class="mono">{`http://${username}-mbl-us-sid-bot_1-rot-sticky:KEY@host:7000`}</code>,
          })}
        </p>
      </details>
      <details>
        <summary>{t('help.errors')}</summary>
        <Table caption={t('help.errorsCaption')} columns={errorColumns()} rows={ERRORS} rowKey={([code]) => code} />
      </details>
    </>
  );
}
