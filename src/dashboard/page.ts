// The dashboard as the Worker renders it: the account answer (from the rows read in the session check's round trip)
// and the pool's availability (the shop's KV cache, never D1), so the first paint already shows the customer's key,
// usage and banners, and the app takes the page over without asking for any of it again.
import type { Suspension } from '../customers/index.ts';
import { activeIncidents, INCIDENTS, offeredStock, readAvailability, STOCK } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type { SignedInCustomer } from '../shared/api.ts';
import type { DashboardPage } from '../shared/dashboard.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { type AccountRows, accountView, type DashboardServices } from './account.ts';

type PageServices = DashboardServices & Pick<Services, 'kv'>;
export type PageAvailability = Pick<DashboardPage, 'stock' | 'incidents'>;

/** The availability the page shows, read while the session is checked (it does not depend on who asks). What the
 * cache cannot give is left to the app, which asks as it would without this page. */
export async function pageAvailability(services: PageServices): Promise<PageAvailability> {
  const [stock, incidents] = await Promise.all([
    readAvailability(STOCK, services).then(
      (cached) => offeredStock(cached, services.config.countries),
      () => null,
    ),
    readAvailability(INCIDENTS, services).then(activeIncidents, () => null),
  ]);
  return { stock, incidents };
}

export async function dashboardPage(
  services: PageServices,
  customer: SignedInCustomer,
  suspension: Suspension,
  rows: AccountRows,
  availability: Promise<PageAvailability>,
  locale: Locale,
): Promise<DashboardPage> {
  const [account, { stock, incidents }] = await Promise.all([
    accountView(services, customer, suspension, rows, locale),
    availability,
  ]);
  return { at: services.clock.now(), account, stock, incidents };
}
