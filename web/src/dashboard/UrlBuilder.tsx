// Builds a proxy URL from the customer's choices: pool, country (offered and in stock, with live device
// counts), rotation (named by what it does), sticky session id (validated, with the normaliser's proposal)
// and protocol. Everything is validated by the shared builder before anything is shown or copied.
import type { Signal } from '@preact/signals';
import { countryName } from '../../../src/shared/format.ts';
import {
  isValidSessionId,
  normaliseSessionId,
  POOL_LABELS,
  POOLS,
  type Pool,
  ROTATION_LABELS,
  ROTATION_MODES,
} from '../../../src/shared/proxy-url.ts';
import { Breakable } from '../components/Breakable.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { stock } from '../state/availability.ts';
import { built, country, pool, protocol, randomSid, realUrl, rotation, sid } from '../state/builder.ts';
import { shopConfig } from '../state/config.ts';
import { BatchUrls } from './BatchUrls.tsx';
import { Snippets } from './Snippets.tsx';

/** Devices online for a country in the chosen pool (`any`/`best` count both); undefined while unknown. */
function online(code: string, chosen: Pool): number | undefined {
  const entry = stock.data.value?.countries.find((c) => c.code === code);
  if (!entry) return undefined;
  return chosen === 'mbl' ? entry.mbl : chosen === 'peer' ? entry.peer : entry.mbl + entry.peer;
}

/** One of a fixed list of choices, shown by their labels. */
function Choice<T extends string>({
  id,
  label,
  choice,
  choices,
  labels,
}: {
  id: string;
  label: string;
  choice: Signal<T>;
  choices: readonly T[];
  labels: Record<T, string>;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={choice.value} onChange={(e) => (choice.value = e.currentTarget.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {labels[c]}
          </option>
        ))}
      </select>
    </div>
  );
}

function CountrySelect() {
  const shop = shopConfig();
  return (
    <div class="field">
      <label for="b-country">Country</label>
      <select
        id="b-country"
        value={country.value}
        onChange={(e) => (country.value = e.currentTarget.value)}
        aria-describedby="b-country-hint"
      >
        <option value="">Any country</option>
        {shop.countries.map((code) => {
          const n = online(code, pool.value);
          return (
            <option key={code} value={code} disabled={n === 0 && country.value !== code}>
              {countryName(code)}
              {n === undefined ? '' : n === 0 ? ' — none online now' : ` — ${n} online`}
            </option>
          );
        })}
      </select>
      <p class="hint" id="b-country-hint">
        {stock.error.value
          ? 'Live availability is unavailable right now; every offered country is listed.'
          : 'Devices online now, refreshed every minute.'}
      </p>
    </div>
  );
}

function SidField() {
  const value = sid.value.trim();
  const invalid = value !== '' && !isValidSessionId(value);
  const proposal = invalid ? normaliseSessionId(value) : undefined;
  const needed = rotation.value === 'sticky' && value === '';
  return (
    <div class="field">
      <label for="b-sid">Sticky session id (sid)</label>
      <div class="inline">
        <input
          id="b-sid"
          value={sid.value}
          onInput={(e) => (sid.value = e.currentTarget.value)}
          maxLength={200}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={invalid || needed}
          aria-describedby="b-sid-hint"
          placeholder="e.g. bot_1"
        />
        <button type="button" class="secondary" onClick={() => (sid.value = randomSid())}>
          Random
        </button>
      </div>
      <p class="hint" id="b-sid-hint">
        {invalid ? (
          <span class="error-text">
            Only a–z, 0–9 and _ (1–64), no dashes or spaces: the gateway would silently ignore it.{' '}
            {proposal && (
              <button type="button" class="link" onClick={() => (sid.value = proposal)}>
                Use “{proposal}”
              </button>
            )}
          </span>
        ) : needed ? (
          <span class="error-text">Sticky rotation needs a session id.</span>
        ) : (
          'Same sid, same IP (with sticky rotation). Leave empty for a new session each time.'
        )}
      </p>
    </div>
  );
}

export function UrlBuilder() {
  const result = built.value;
  const problem = result && !result.ok ? result.error : null;
  return (
    <section class="card" aria-labelledby="builder-title">
      <h2 id="builder-title">Build a proxy URL</h2>
      <div class="builder-grid">
        <Choice id="b-pool" label="Pool" choice={pool} choices={POOLS} labels={POOL_LABELS} />
        <CountrySelect />
        <Choice id="b-rot" label="Rotation" choice={rotation} choices={ROTATION_MODES} labels={ROTATION_LABELS} />
        <SidField />
        <fieldset class="field protocol">
          <legend>Protocol</legend>
          {(['http', 'socks5'] as const).map((p) => (
            <label key={p} class="radio">
              <input
                type="radio"
                name="b-protocol"
                value={p}
                checked={protocol.value === p}
                onChange={() => (protocol.value = p)}
              />
              {p === 'http' ? 'HTTP' : 'SOCKS5'}
            </label>
          ))}
        </fieldset>
      </div>
      <div class="output">
        <label for="b-url">Your proxy URL</label>
        <output id="b-url" class="mono url" aria-live="off" data-testid="proxy-url">
          {result?.ok ? <Breakable text={result.url} /> : '—'}
        </output>
        {problem && (
          <p class="error-text" id="b-url-problem">
            No URL to copy yet: {problem.message}
          </p>
        )}
        <CopyButton
          class=""
          text={() => realUrl()}
          what="Proxy URL"
          label="Copy URL"
          disabled={!result?.ok}
          describedBy={problem ? 'b-url-problem' : undefined}
        />
      </div>
      {result?.ok && <Snippets />}
      <BatchUrls />
    </section>
  );
}
