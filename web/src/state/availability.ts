// Live pool stock per offered country and active incidents (both from the shop's cache, never the upstream).
import { signal } from '@preact/signals';
import type { IncidentsResponse, StockResponse } from '../../../src/shared/api.ts';
import { api, read } from '../api.ts';
import { resource } from './resource.ts';

export const stock = resource(() => read(api.stock.$get()));
/** Incidents are a nice-to-have: a failure leaves the last answer in place. (Pure: the landing page's countries
 * import this module for `stock` alone, and the bundler drops what is unused only when it knows it is pure.) */
export const incidents = /* @__PURE__ */ resource(() => read(api.incidents.$get()));
/** The first answers (or failures) are in: pages wait for them so incident banners never push content down. */
export const availabilityLoaded = /* @__PURE__ */ signal(false);

export async function loadAvailability(): Promise<void> {
  await Promise.all([stock.run(), incidents.run()]);
  availabilityLoaded.value = true;
}

let firstLoad: Promise<void> | undefined;

/** The answers the page was rendered with (null: the Worker could not read it, and the app asks itself). */
export function provideAvailability(
  stockAnswer: StockResponse | null,
  incidentsAnswer: IncidentsResponse | null,
): void {
  if (stockAnswer) stock.set(stockAnswer);
  if (incidentsAnswer) incidents.set(incidentsAnswer);
  availabilityLoaded.value = true;
  firstLoad = stockAnswer && incidentsAnswer ? Promise.resolve() : undefined;
}

export function forgetAvailability(): void {
  stock.set(undefined);
  incidents.set(undefined);
  availabilityLoaded.value = false;
  firstLoad = undefined;
}

/** The first load, started once however many views ask for it; refreshes go through loadAvailability. */
export function ensureAvailability(): Promise<void> {
  firstLoad ??= loadAvailability();
  return firstLoad;
}
