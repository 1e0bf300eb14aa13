// The shop's public config (brand, tiers, countries). Every page carries it as JSON, written by the Worker from the
// config it runs with, so nothing waits for a request before the first render.
import type { PublicConfig } from '../../../src/shared/api.ts';

/** The id of the page's `<script type="application/json">` holding the public config. */
export const CONFIG_SCRIPT_ID = 'shop-config';

let current: PublicConfig | undefined;

/** Sets the config the views render with: the Worker's while it renders a page, the page's own in the browser. */
export function provideShopConfig(value: PublicConfig): void {
  current = value;
}

export function shopConfig(): PublicConfig {
  if (!current) throw new Error('the shop config was not provided');
  return current;
}

/** The config the Worker wrote into this page. */
export function pageConfig(): PublicConfig {
  const json = document.getElementById(CONFIG_SCRIPT_ID)?.textContent;
  if (!json) throw new Error('this page carries no shop config');
  return JSON.parse(json) as PublicConfig;
}
