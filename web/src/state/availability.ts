// Live pool stock per offered country and active incidents (both from the shop's cache, never the upstream).
import { signal } from '@preact/signals';
import type { IncidentsResponse, StockResponse } from '../../../src/shared/api.ts';
import { api, read } from '../api.ts';

export const stock = signal<StockResponse | null>(null);
export const stockError = signal<string | null>(null);
export const incidents = signal<IncidentsResponse | null>(null);
/** The first answer (or failure) is in: pages wait for it so incident banners never push content down. */
export const availabilityLoaded = signal(false);

export async function loadAvailability(): Promise<void> {
  await Promise.all([
    read(api.stock.$get()).then(
      (value) => ((stock.value = value), (stockError.value = null)),
      (err: Error) => (stockError.value = err.message),
    ),
    // Incidents are a nice-to-have: a failure leaves the last answer in place.
    read(api.incidents.$get()).then(
      (value) => (incidents.value = value),
      () => {},
    ),
  ]);
  availabilityLoaded.value = true;
}
