// The shop's public config (brand, tiers, countries), loaded once and applied to the page, and its legal texts.
import type { PublicConfig } from '../../../src/shared/api.ts';
import { api, read } from '../api.ts';
import { resource } from './resource.ts';

export const config = resource(async () => {
  const value = await read<PublicConfig>(api.config.$get());
  applyBrand(value);
  return value;
});

/** The config, for the pages the app renders only once it has loaded. */
export function shopConfig(): PublicConfig {
  const value = config.data.value;
  if (!value) throw new Error('config not loaded');
  return value;
}

function applyBrand({ brand }: PublicConfig): void {
  const root = document.documentElement.style;
  root.setProperty('--brand', brand.primaryColor);
  root.setProperty('--accent', brand.accentColor);
  document.title = brand.name;
  const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (icon && brand.logoUrl) icon.href = brand.logoUrl;
}

/** `/terms` or `/privacy`: the reseller's text, or a generic one. */
export function legalDocument(doc: 'terms' | 'privacy') {
  return read(api.legal[':doc'].$get({ param: { doc } }));
}
