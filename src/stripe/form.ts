// Stripe's request encoding: application/x-www-form-urlencoded with nested brackets, as stripe-node sends it —
// objects as `a[b]=v`, arrays by index (`line_items[0][quantity]=1`, `expand[0]=x`), null as '' (Stripe's "unset"),
// booleans as `true`/`false`, dates as unix seconds; undefined is left out. Brackets stay readable (Stripe takes both).

const encode = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']');

function scalar(value: unknown, key: string): string {
  if (value === null) return '';
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`Stripe parameter ${key} cannot be sent: ${String(value)}`);
}

function pairsOf(key: string, value: unknown, out: string[]): void {
  if (value === undefined) return;
  // Holes are dropped before indexing: Stripe refuses an array whose indices skip a number.
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== undefined);
    for (const [i, item] of items.entries()) pairsOf(`${key}[${i}]`, item, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date))
    for (const [name, item] of Object.entries(value)) pairsOf(`${key}[${name}]`, item, out);
  else out.push(`${encode(key)}=${encode(scalar(value, key))}`);
}

/** The form body (or query string) for Stripe parameters. */
export function encodeStripeForm(params: object): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(params)) pairsOf(key, value, out);
  return out.join('&');
}
