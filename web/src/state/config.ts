// The shop's public config (brand, tiers, countries), loaded once and applied to the page.
import { signal } from '@preact/signals';
import type { PublicConfig } from '../../../src/shared/api.ts';
import { api, read } from '../api.ts';

export const config = signal<PublicConfig | null>(null);
export const configError = signal<string | null>(null);

export async function loadConfig(): Promise<void> {
  try {
    const value = await read<PublicConfig>(api.config.$get());
    config.value = value;
    applyBrand(value);
  } catch (err) {
    configError.value = (err as Error).message;
  }
}

function applyBrand({ brand }: PublicConfig): void {
  const root = document.documentElement.style;
  root.setProperty('--brand', brand.primaryColor);
  root.setProperty('--accent', brand.accentColor);
  document.title = brand.name;
  const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (icon && brand.logoUrl) icon.href = brand.logoUrl;
}
