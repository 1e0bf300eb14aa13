// Where to continue after sign-in (e.g. `/checkout/pro`): only same-origin absolute paths survive. Shared by the
// Worker (which stores it with the link) and the SPA (which navigates to it).

const MAX_NEXT_LENGTH = 512;
/** One leading slash, then no second slash, no backslash, no control characters or whitespace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const SAFE_PATH = /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/;

/**
 * The path if it can only ever point at this shop, else null: `//evil.com`, `/\evil.com`, `https://…` are refused,
 * and so is anything that only becomes one of them once `.` and `..` segments are resolved (`/.//evil.com`).
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_NEXT_LENGTH || !SAFE_PATH.test(value)) return null;
  // A browser resolves the path against our origin; anything that escapes it is refused.
  const base = 'https://shop.invalid';
  const url = new URL(value, base);
  if (url.origin !== base) return null;
  const normalised = url.pathname + url.search + url.hash;
  return SAFE_PATH.test(normalised) ? normalised : null;
}
