// robots.txt and sitemap.xml, from PUBLIC_URL and the public pages.
import { PUBLIC_PATHS } from '../../web/src/routes.ts';
import { escapeHtml } from '../html/index.ts';

/** Everything may be crawled but the API; the sitemap lists the public pages. */
export function robotsTxt(publicUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${publicUrl}/sitemap.xml\n`;
}

/** The sitemap protocol (sitemaps.org, "Entity escaping") escapes & ' " > < in a URL, as HTML text does. */
export function sitemapXml(publicUrl: string): string {
  const urls = PUBLIC_PATHS.map((path) => `  <url><loc>${escapeHtml(`${publicUrl}${path}`)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
