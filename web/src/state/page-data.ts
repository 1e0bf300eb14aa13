// The answers a signed-in page was rendered from, put in place as if the app had asked for them: by the Worker just
// before it renders the page with the app's own components, and by the app before it takes the page over, so both
// render the same page and the app asks for none of it again.
import { account, resetAccount } from './account.ts';
import { forgetAvailability, provideAvailability } from './availability.ts';
import { startCountry } from './builder.ts';
import { shopConfig } from './config.ts';
import type { PageData } from './page.ts';
import { sessionUnknown, signedIn } from './session.ts';

export function providePageData({ dashboard }: PageData): void {
  if (!dashboard) return;
  signedIn(dashboard.account.customer);
  account.set(dashboard.account, dashboard.at);
  provideAvailability(dashboard.stock, dashboard.incidents);
  // The URL builder starts where the dashboard would start it, so its first URL is the one the page shows.
  const { countries, defaultCountry } = shopConfig();
  startCountry(countries, defaultCountry);
}

/** Takes it away again: the Worker, once it has rendered one customer's page (the next must not show it). */
export function forgetPageData(): void {
  resetAccount();
  forgetAvailability();
  sessionUnknown();
}
