// The offered countries, with their live availability once it is known (an island of the landing page). Each keeps a
// line for its count from the first paint, so nothing moves when the counts arrive.

import type { StockResponse } from '../../../src/shared/api.ts';
import { countryName } from '../../../src/shared/format.ts';
import { t } from '../i18n.ts';

/** "73 mobile online" from the cached stock, or nothing until it is known. */
function liveCount(stock: StockResponse | undefined, cc: string): string | null {
  const row = stock?.countries.find((c) => c.code === cc);
  if (!row) return null;
  if (row.mbl > 0) return t('landing.mobileOnline', { count: row.mbl });
  return row.peer > 0 ? t('landing.devicesOnline', { count: row.peer }) : t('landing.noneOnline');
}

export function CountryList({ countries, stock }: { countries: string[]; stock?: StockResponse }) {
  return (
    <ul class="countries" aria-label={t('landing.countriesLabel')}>
      {countries.map((cc) => (
        <li key={cc}>
          <span>{countryName(cc)}</span>
          <span class="muted live-count">{liveCount(stock, cc) ?? '\u00a0'}</span>
        </li>
      ))}
    </ul>
  );
}
