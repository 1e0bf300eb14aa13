// Builds a proxy URL from the customer's choices: pool, country (offered and in stock, with live device
// counts), rotation (named by what it does), sticky session id (validated, with the normaliser's proposal)
// and protocol. Everything is validated by the shared builder before anything is shown or copied.
import type { Signal } from '@preact/signals';
import { countryName } from '../../../src/shared/format.ts';
import {
  isValidSessionId,
  normaliseSessionId,
  POOLS,
  type Pool,
  ROTATION_MODES,
} from '../../../src/shared/proxy-url.ts';
import { Breakable } from '../components/Breakable.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { t } from '../i18n.ts';
import { stock } from '../state/availability.ts';
import { built, country, pool, protocol, randomSid, realUrl, rotation, sid } from '../state/builder.ts';
import { shopConfig } from '../state/config.ts';
import { poolLabel, rotationLabel } from './labels.ts';
import { Snippets } from './Snippets.tsx';

// A batch of URLs (folded away below the URL): a chunk of its own, so the dashboard's JavaScript stays within its budget
// in every language.
const batchChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./BatchUrls.tsx').then((panel) => panel.BatchUrls),
);

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
  labelOf,
}: {
  id: string;
  label: string;
  choice: Signal<T>;
  choices: readonly T[];
  labelOf: (choice: T) => string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={choice.value} onChange={(e) => (choice.value = e.currentTarget.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {labelOf(c)}
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
      <label for="b-country">{t('builder.country')}</label>
      <select
        id="b-country"
        value={country.value}
        onChange={(e) => (country.value = e.currentTarget.value)}
        aria-describedby="b-country-hint"
      >
        <option value="">{t('builder.anyCountry')}</option>
        {shop.countries.map((code) => {
          const n = online(code, pool.value);
          return (
            <option key={code} value={code} disabled={n === 0 && country.value !== code}>
              {n === undefined
                ? countryName(code)
                : n === 0
                  ? t('builder.noneOnline', { country: countryName(code) })
                  : t('builder.online', { country: countryName(code), count: n })}
            </option>
          );
        })}
      </select>
      <p class="hint" id="b-country-hint">
        {stock.error.value ? t('builder.stockDown') : t('builder.stockLive')}
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
      <label for="b-sid">{t('builder.sid')}</label>
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
          placeholder={t('builder.sidExample')}
        />
        <button type="button" class="secondary" onClick={() => (sid.value = randomSid())}>
          {t('builder.random')}
        </button>
      </div>
      <p class="hint" id="b-sid-hint">
        {invalid ? (
          <span class="error-text">
            {t('builder.sidInvalid')}{' '}
            {proposal && (
              <button type="button" class="link" onClick={() => (sid.value = proposal)}>
                {t('builder.use', { proposal })}
              </button>
            )}
          </span>
        ) : needed ? (
          <span class="error-text">{t('builder.sidNeeded')}</span>
        ) : (
          t('builder.sidHint')
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
      <h2 id="builder-title">{t('builder.title')}</h2>
      <div class="builder-grid">
        <Choice id="b-pool" label={t('builder.pool')} choice={pool} choices={POOLS} labelOf={poolLabel} />
        <CountrySelect />
        <Choice
          id="b-rot"
          label={t('builder.rotation')}
          choice={rotation}
          choices={ROTATION_MODES}
          labelOf={rotationLabel}
        />
        <SidField />
        <fieldset class="field protocol">
          <legend>{t('builder.protocol')}</legend>
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
        <label for="b-url">{t('builder.url')}</label>
        <output id="b-url" class="mono url" aria-live="off" data-testid="proxy-url">
          {result?.ok ? <Breakable text={result.url} /> : '—'}
        </output>
        {problem && (
          <p class="error-text" id="b-url-problem">
            {t('builder.noUrl', { problem: problem.message })}
          </p>
        )}
        <CopyButton
          class=""
          text={() => realUrl()}
          what={t('builder.proxyUrl')}
          label={t('builder.copyUrl')}
          disabled={!result?.ok}
          describedBy={problem ? 'b-url-problem' : undefined}
        />
      </div>
      {result?.ok && <Snippets />}
      {result?.ok && <LazyPage chunk={batchChunk} />}
    </section>
  );
}
