import { useEffect } from 'preact/hooks';
import { countryFlag, countryName } from '../../../src/shared/format.ts';
import { BuyTiers } from '../components/BuyTiers.tsx';
import { loadAvailability, stock } from '../state/availability.ts';
import { shopConfig } from '../state/config.ts';

/** "73 mobile devices online" from the cached stock, or nothing until it is known. */
function liveCount(cc: string): string | null {
  const row = stock.data.value?.countries.find((c) => c.code === cc);
  if (!row) return null;
  return row.mbl > 0 ? `${row.mbl} mobile online` : row.peer > 0 ? `${row.peer} devices online` : 'none online now';
}

export function Landing() {
  const shop = shopConfig();
  useEffect(() => void loadAvailability(), []);
  return (
    <>
      <section class="hero">
        <h1>{shop.brand.name}</h1>
        <p class="lead">{shop.brand.tagline}</p>
        <ul class="countries" aria-label="Countries">
          {shop.countries.map((cc) => {
            const live = liveCount(cc);
            return (
              <li key={cc}>
                <span>
                  <span aria-hidden="true">{countryFlag(cc)}</span> {countryName(cc)}
                </span>
                {/* A line kept for the count from the first paint, so nothing moves when it arrives. */}
                <span class="muted live-count">{live ?? '\u00a0'}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <BuyTiers title="Pricing" id="pricing" />
    </>
  );
}
