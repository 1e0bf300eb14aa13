// The page's palette, light and dark, with the brand's colours and the text colours that read on them, written into
// every page as CSS custom properties (the stylesheets use only these names).
import type { Brand } from '../shared/api.ts';
import { readableText, textOn } from './colours.ts';

/** Surfaces and text, by scheme; every text colour reads at 4.5:1 on both backgrounds (test/site/theme.test.ts). */
export const PALETTE = {
  light: {
    bg: '#ffffff',
    surface: '#f6f7f9',
    text: '#14161a',
    muted: '#5b6270',
    border: '#dfe2e8',
    danger: '#b42318',
    warn: '#b54708',
    ok: '#067647',
  },
  dark: {
    bg: '#0f1115',
    surface: '#181b21',
    text: '#eef0f3',
    muted: '#a3aab8',
    border: '#2b303a',
    danger: '#f97066',
    warn: '#fdb022',
    ok: '#47cd89',
  },
} as const;

type Scheme = keyof typeof PALETTE;

/** The custom properties of one colour scheme, brand included. */
export function themeColours(
  brand: Pick<Brand, 'primaryColor' | 'accentColor'>,
  scheme: Scheme,
): Record<string, string> {
  const palette = PALETTE[scheme];
  const backgrounds = [palette.bg, palette.surface];
  return {
    ...palette,
    brand: brand.primaryColor,
    'on-brand': textOn(brand.primaryColor),
    'brand-text': readableText(brand.primaryColor, backgrounds),
    accent: brand.accentColor,
    'on-accent': textOn(brand.accentColor),
  };
}

const declarations = (colours: Record<string, string>) =>
  Object.entries(colours)
    .map(([name, value]) => `--${name}:${value}`)
    .join(';');

/** `:root{…}` for light pages and the dark scheme's overrides. */
export function themeCss(brand: Pick<Brand, 'primaryColor' | 'accentColor'>): string {
  const light = themeColours(brand, 'light');
  const dark = themeColours(brand, 'dark');
  const darkOnly = Object.fromEntries(Object.entries(dark).filter(([name, value]) => light[name] !== value));
  return `:root{${declarations(light)}}@media (prefers-color-scheme:dark){:root{${declarations(darkOnly)}}}`;
}
