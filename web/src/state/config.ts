// The shop's public config (brand, tiers, countries). Every page carries it as JSON (state/page.ts), written by the
// Worker from the config it runs with, so nothing waits for a request before the first render.
import type { PublicConfig } from '../../../src/shared/api.ts';

let current: PublicConfig | undefined;

/** Sets the config the views render with: the Worker's while it renders a page, the page's own in the browser. */
export function provideShopConfig(value: PublicConfig): void {
  current = value;
}

export function shopConfig(): PublicConfig {
  if (!current) throw new Error('the shop config was not provided');
  return current;
}
