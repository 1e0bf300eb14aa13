// The security headers of the pages the Worker renders and of the static assets (dist/web/_headers, written by the
// SPA's build from assetHeadersFile): one policy, plus the hash of a page's one inline style, and on the sign-in page
// alone what Cloudflare Turnstile needs when the shop has it set up.

const CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'https:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
};

/** Sources a page adds to the policy, by directive. */
export type CspAdditions = Record<string, string[]>;

/**
 * Turnstile's script and its challenge frame, and nothing else: the two sources its CSP reference lists
 * (https://developers.cloudflare.com/turnstile/reference/content-security-policy/).
 */
export const TURNSTILE_CSP: CspAdditions = {
  'script-src': ['https://challenges.cloudflare.com'],
  'frame-src': ['https://challenges.cloudflare.com'],
};

/** The CSP, allowing inline styles only by their `'sha256-…'` hashes (never 'unsafe-inline'), plus `additions`. */
export function contentSecurityPolicy(styleHashes: string[] = [], additions: CspAdditions = {}): string {
  const policy: CspAdditions = { ...CSP, 'style-src': [...(CSP['style-src'] ?? []), ...styleHashes] };
  for (const [directive, sources] of Object.entries(additions))
    policy[directive] = [...(policy[directive] ?? ["'self'"]), ...sources];
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

/** Every response's security headers; a page passes its inline style's hash (and what else its CSP allows). */
export function securityHeaders(styleHashes: string[] = [], additions: CspAdditions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(styleHashes, additions),
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

/** `'sha256-…'` of an inline style's exact text, for the CSP. */
export async function styleHash(style: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** The logo and the icons drawn from it (web/public), under names that do not change with their content. */
const ICON_FILES = ['/logo.svg', '/favicon.ico', '/apple-touch-icon.png'];

/** The `_headers` file of the static assets: the same headers on every file, long caching for hashed assets, and a
 * day for the logo and the icons (the header's logo is on every page: revalidated on every use, it cost each page view
 * a request, which a page left at once aborted). */
export function assetHeadersFile(): string {
  const lines = Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`);
  return [
    '# Written by the SPA build from src/site/headers.ts: the headers of every static asset (pages set their own).',
    '/*',
    ...lines,
    '',
    '/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
    ...ICON_FILES.flatMap((file) => [file, '  Cache-Control: public, max-age=86400', '']),
  ].join('\n');
}
