// robots.txt and sitemap.xml, from PUBLIC_URL, the public pages and the shop's languages.
import { PUBLIC_PATHS } from '../../web/src/routes.ts';
import type { Config } from '../config/index.ts';
import { escapeHtml } from '../html/index.ts';
import { localizedPath } from '../shared/i18n/locales.ts';
import { alternates } from './meta.ts';

/** Everything may be crawled but the API; the sitemap lists the public pages. */
export function robotsTxt(publicUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${publicUrl}/sitemap.xml\n`;
}

/** Every public page in every language, each with its alternates (Google's "localized versions" in a sitemap). The
 * sitemap protocol (sitemaps.org, "Entity escaping") escapes & ' " > < in a URL, as HTML text does. */
export function sitemapXml(config: Config): string {
  const urls = config.locales.flatMap((locale) =>
    PUBLIC_PATHS.map((path) => {
      const loc = `${config.publicUrl}${localizedPath(path, locale, config.defaultLocale)}`;
      const links = alternates(config, path).map(
        ([hreflang, href]) =>
          `\n    <xhtml:link rel="alternate" hreflang="${escapeHtml(hreflang)}" href="${escapeHtml(href)}"/>`,
      );
      return `  <url><loc>${escapeHtml(loc)}</loc>${links.join('')}${links.length ? '\n  ' : ''}</url>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}
