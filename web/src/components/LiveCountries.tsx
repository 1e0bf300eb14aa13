// The landing page's countries island, a chunk of its own: the sign-in page runs the same islands bundle and has no
// countries to show, so it does not download them (the landing page's HTML preloads this chunk).
import { hydrate } from 'preact';
import { stock } from '../state/availability.ts';
import { shopConfig } from '../state/config.ts';
import { CountryList } from './CountryList.tsx';

/** The countries, with their counts as they arrive. */
function LiveCountries() {
  return <CountryList countries={shopConfig().countries} stock={stock.data.value} />;
}

/** Hydrates the server-rendered list and asks for the counts. */
export function hydrateCountries(element: HTMLElement): void {
  hydrate(<LiveCountries />, element);
  void stock.run();
}
