// The security headers of the pages the Worker renders and of the static assets (dist/web/_headers, written by the
// SPA's build from assetHeadersFile): one policy, plus the hash of a page's one inline style, and on the sign-in page
// alone what Cloudflare Turnstile needs when the shop has it set up.
import { type CspDirectives, contentSecurityPolicy } from '../html/index.ts';

const CSP = {
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

/**
 * Turnstile's script and its challenge frame, and nothing else: the two sources its CSP reference lists
 * (https://developers.cloudflare.com/turnstile/reference/content-security-policy/).
 */
export const TURNSTILE_CSP: CspDirectives = {
  'script-src': ['https://challenges.cloudflare.com'],
  'frame-src': ['https://challenges.cloudflare.com'],
};

/** The policy with `additions` (sources by directive; a directive not in the policy starts from 'self'). */
function withAdditions(policy: CspDirectives, additions: CspDirectives): CspDirectives {
  const merged: Record<string, readonly string[]> = { ...policy };
  for (const [directive, sources] of Object.entries(additions))
    merged[directive] = [...(merged[directive] ?? ["'self'"]), ...sources];
  return merged;
}

/**
 * Every response's security headers; a page passes its inline style's hash (`styleHash`, never 'unsafe-inline') and
 * what else its policy allows.
 */
export function securityHeaders(styleHashes: string[] = [], additions: CspDirectives = {}): Record<string, string> {
  const policy = withAdditions({ ...CSP, 'style-src': [...CSP['style-src'], ...styleHashes] }, additions);
  return {
    'Content-Security-Policy': contentSecurityPolicy(policy),
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
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
