// The page's icon, from the brand's logo: written into the page when it is the shop's own SVG, so no page ever fetches
// its icon. Browsers fetch a linked icon after every load and after every same-page navigation (a `#token` link), and
// a page left at that moment (a visitor sent on to sign in) aborts that request.
import type { SpaAssets } from './assets.ts';

export interface PageIcon {
  href: string;
  type?: string;
}

const ICON_TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', ico: 'image/x-icon' };

/** An SVG logo up to this size is written into each page; a larger one is linked. */
const INLINE_ICON_MAX_BYTES = 4096;

/** The icon link for a logo path or URL, typed by its extension when known. */
export function iconFor(href: string): PageIcon {
  const type = ICON_TYPES[/\.([a-z]+)(?:[?#]|$)/i.exec(href)?.[1]?.toLowerCase() ?? ''];
  return type ? { href, type } : { href };
}

/** The icon of every page for the logo at `logoUrl`: a data URL for a small SVG of the shop's own, a link otherwise. */
export async function pageIcon(logoUrl: string, spa: SpaAssets): Promise<PageIcon> {
  const icon = iconFor(logoUrl);
  if (icon.type !== ICON_TYPES.svg || !logoUrl.startsWith('/') || logoUrl.startsWith('//')) return icon;
  const svg = await spa.optionalText(logoUrl);
  if (!svg || new TextEncoder().encode(svg).length > INLINE_ICON_MAX_BYTES) return icon;
  return { href: `data:image/svg+xml,${encodeURIComponent(svg)}`, type: icon.type };
}
