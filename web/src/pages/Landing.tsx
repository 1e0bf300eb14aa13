import { PricingTable } from '../components/PricingTable.tsx';
import { countryFlag, countryName } from '../../../src/shared/format.ts';
import { config } from '../state/config.ts';

export function Landing() {
  const shop = config.value!;
  return (
    <>
      <section class="hero">
        <h1>{shop.brand.name}</h1>
        <p class="lead">{shop.brand.tagline}</p>
        <ul class="countries" aria-label="Countries">
          {shop.countries.map((cc) => (
            <li key={cc}>
              <span aria-hidden="true">{countryFlag(cc)}</span> {countryName(cc)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pricing-title">
        <h2 id="pricing-title">Pricing</h2>
        <PricingTable
          tiers={shop.tiers}
          action={(tier) => (
            <a class="button" href={`/checkout/${encodeURIComponent(tier.id)}`} aria-label={`Buy ${tier.name}`}>
              Buy {tier.name}
            </a>
          )}
        />
      </section>
    </>
  );
}
