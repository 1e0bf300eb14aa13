// The HTML document around a page's body: head (title, description, canonical, link previews, icons, the inline
// stylesheet, module script and preloads, the public config and structured data as JSON), the rendered body and after it
// the answers a signed-in page was rendered from.
import { CONFIG_SCRIPT_ID, DATA_SCRIPT_ID, type PageData, SESSION_ATTRIBUTE } from '../../web/src/state/page.ts';
import { escapeHtml } from '../html/index.ts';
import type { PageIcon } from './icon.ts';
import type { PageMeta } from './meta.ts';

export interface DocumentParts {
  /** The page's language (BCP 47). */
  lang: string;
  meta: PageMeta;
  /** The brand's colour, for the browser's UI. */
  themeColour: string;
  /** The logo as an icon (BRAND.logoUrl), when the brand has one. */
  icon?: PageIcon;
  /** The page's one inline style (its hash is in the CSP). */
  style: string;
  script: string;
  preloads: string[];
  /** The scripts only enhance a page that is whole without them (the public pages' islands, the app taking over a
   * dashboard rendered with its data): fetched after what the first paint needs. */
  enhancing: boolean;
  /** The public config, for the islands or the app to render with. */
  config: unknown;
  /** What a signed-in page was rendered from, for the app to take over. */
  data?: PageData;
  /** schema.org data blocks. */
  structuredData: unknown[];
  /** HTML above the page, outside what the scripts hydrate (the offer of another language), or ''. */
  notice: string;
  /** The page, rendered. */
  body: string;
  /** The request carried a session cookie: the page's scripts ask who is signed in only then. */
  sessionCookie: boolean;
}

/** JSON safe inside a `<script>` data block: no `</script>` or `<!--` can end or change it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function htmlDocument(parts: DocumentParts): string {
  const { meta } = parts;
  const priority = parts.enhancing ? ' fetchpriority="low"' : '';
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
    ...(meta.canonical ? [`<link rel="canonical" href="${escapeHtml(meta.canonical)}">`] : []),
    ...meta.alternates.map(
      ([hreflang, href]) => `<link rel="alternate" hreflang="${escapeHtml(hreflang)}" href="${escapeHtml(href)}">`,
    ),
    ...meta.social.map(([attribute, key, content]) => `<meta ${attribute}="${key}" content="${escapeHtml(content)}">`),
    `<meta name="theme-color" content="${escapeHtml(parts.themeColour)}">`,
    // The favicon set: npm run icons draws the .ico and the home-screen icon from web/public/logo.svg.
    '<link rel="icon" href="/favicon.ico" sizes="32x32">',
    ...(parts.icon
      ? [
          `<link rel="icon" href="${escapeHtml(parts.icon.href)}"${parts.icon.type ? ` type="${parts.icon.type}"` : ''}>`,
        ]
      : []),
    '<link rel="apple-touch-icon" href="/apple-touch-icon.png">',
    `<style>${parts.style}</style>`,
    ...parts.preloads.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}"${priority}>`),
    `<script type="module" src="${escapeHtml(parts.script)}"${priority}></script>`,
    `<script type="application/json" id="${CONFIG_SCRIPT_ID}">${scriptJson(parts.config)}</script>`,
    ...parts.structuredData.map((data) => `<script type="application/ld+json">${scriptJson(data)}</script>`),
  ];
  const body = parts.sessionCookie ? `<body ${SESSION_ATTRIBUTE}>` : '<body>';
  // The answers the page was rendered from follow what they render: no byte of them comes before the first paint's.
  // The app's module script runs once the document is parsed, so it finds them.
  const data = parts.data
    ? `\n<script type="application/json" id="${DATA_SCRIPT_ID}">${scriptJson(parts.data)}</script>`
    : '';
  return `<!doctype html>\n<html lang="${escapeHtml(parts.lang)}">\n<head>\n${head.join('\n')}\n</head>\n${body}\n${parts.notice}<div id="app">${parts.body}</div>${data}\n</body>\n</html>\n`;
}
