// The landing page, rendered whole by the Worker; the countries' live availability is an island.
import { BuyTiers } from '../components/BuyTiers.tsx';
import { CountryList } from '../components/CountryList.tsx';
import { ISLAND } from '../components/Island.tsx';
import { shopConfig } from '../state/config.ts';

export function Landing() {
  const { brand, countries } = shopConfig();
  return (
    <>
      <section class="hero">
        <h1>{brand.name}</h1>
        <p class="lead">{brand.tagline}</p>
        <div id={ISLAND.countries}>
          <CountryList countries={countries} />
        </div>
      </section>
      <BuyTiers title="Pricing" id="pricing" />
    </>
  );
}
