// The HTML the Worker writes itself (the pages' heads, emails, the API reference, the unsubscribe page): escaping
// text into it, and the Content-Security-Policy each kind of page sends.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A policy as directive → sources, in the order they are sent, e.g. `{ 'default-src': ["'none'"] }`. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** The Content-Security-Policy header's value: `default-src 'none'; style-src 'sha256-…'`. */
export function contentSecurityPolicy(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

/** `'sha256-…'`: the CSP source that allows one inline `<style>` with exactly this text (never 'unsafe-inline'). */
export async function styleHash(style: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}
