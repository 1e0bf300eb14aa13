// Stripe's request bodies: form encoding (`a[b][0][c]=v`) decoded strictly into nested values, and the readers
// that check each parameter and answer like Stripe when one is missing or wrong (ParamError → 400 with `param`).

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = Record<string, FormValue>;
export type Metadata = Record<string, string>;

/** One parameter while decoding: a value, or a container keyed by name (`a[b]`), index (`a[0]`) or append (`a[]`). */
type Node = string | { kind: 'keyed'; entries: Map<string, Node> } | { kind: 'appended'; items: string[] };

const KEY = /^[^[\]]+(\[[^[\]]*\])*$/;

const keyOf = (path: string[]) =>
  path[0] +
  path
    .slice(1)
    .map((s) => `[${s}]`)
    .join('');

/** A container whose keys are 0…n-1 is an array, as Stripe reads `line_items[0][…]`; any gap or mix is a hash. */
function toValue(node: Node, path: string[]): FormValue {
  if (typeof node === 'string') return node;
  if (node.kind === 'appended') return [...node.items];
  const keys = [...node.entries.keys()];
  if (keys.length && keys.every((k) => /^\d+$/.test(k))) {
    const indices = keys.map(Number).sort((a, b) => a - b);
    if (indices.some((index, i) => index !== i))
      throw new ParamError(keyOf(path), `Invalid array: the indices of ${keyOf(path)} must run 0, 1, 2… without gaps`);
    return indices.map((i) => toValue(node.entries.get(String(i)) as Node, [...path, String(i)]));
  }
  // Object.fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
  return Object.fromEntries(keys.map((k) => [k, toValue(node.entries.get(k) as Node, [...path, k])]));
}

/**
 * Decodes Stripe's form encoding (`a[b][0][c]=v`, `expand[]=x`) into nested objects and arrays, as strictly as
 * Stripe: a malformed name, a name used both for a value and for nested ones, an array with gaps, a value given
 * twice, or `[]` anywhere but last is a 400 naming the parameter, never a silent guess.
 */
export function parseStripeForm(body: string): FormParams {
  const root = new Map<string, Node>();
  for (const [rawKey, value] of new URLSearchParams(body)) {
    if (!KEY.test(rawKey)) throw new ParamError(rawKey, `Invalid parameter name: ${rawKey}`);
    const path = rawKey.split('[').map((segment) => segment.replace(/\]$/, ''));
    let entries = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string;
      const here = keyOf(path.slice(0, i + 1));
      const last = i === path.length - 1;
      const existing = entries.get(segment);
      if (path[i + 1] === '') {
        if (i + 1 !== path.length - 1) throw new ParamError(rawKey, `Invalid parameter name: ${rawKey}`);
        if (existing !== undefined && (typeof existing === 'string' || existing.kind !== 'appended'))
          throw new ParamError(here, `Invalid array: ${here} is given both as a list and otherwise`);
        const list = existing ?? { kind: 'appended' as const, items: [] };
        list.items.push(value);
        entries.set(segment, list);
        break;
      }
      if (last) {
        if (existing !== undefined)
          throw new ParamError(here, typeof existing === 'string' ? `Duplicate parameter: ${here}` : 'Invalid hash');
        entries.set(segment, value);
        break;
      }
      if (existing !== undefined && (typeof existing === 'string' || existing.kind !== 'keyed'))
        throw new ParamError(here, typeof existing === 'string' ? 'Invalid hash' : 'Invalid array');
      const container = existing ?? { kind: 'keyed' as const, entries: new Map<string, Node>() };
      entries.set(segment, container);
      entries = container.entries;
    }
  }
  return Object.fromEntries([...root].map(([name, node]) => [name, toValue(node, [name])]));
}

export class ParamError extends Error {
  readonly param: string;
  /** Stripe's error code: `parameter_invalid`, or `resource_missing` for an id it does not know. */
  readonly code: string;
  constructor(param: string, message: string, code = 'parameter_invalid') {
    super(message);
    this.param = param;
    this.code = code;
  }
}

export function str(params: FormParams, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new ParamError(name, `Invalid string: ${name}`);
  return value;
}

export function requiredStr(params: FormParams, name: string): string {
  const value = str(params, name);
  if (value === null) throw new ParamError(name, `Missing required param: ${name}.`);
  return value;
}

export function int(value: FormValue | undefined, name: string): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new ParamError(name, `Invalid integer: ${String(value)}`);
  return Number(value);
}

/**
 * Metadata as Stripe stores it (docs.stripe.com/api/metadata): at most 50 keys of up to 40 characters, values up to
 * 500; "individual keys can be unset by posting an empty value to them", so a key sent empty is not stored.
 */
export function metadata(value: FormValue | undefined, name = 'metadata'): Metadata {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(name, 'Invalid hash');
  const out: Metadata = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ParamError(`${name}[${key}]`, 'Metadata values must be strings.');
    if (key.length > 40) throw new ParamError(`${name}[${key}]`, 'Metadata keys can be at most 40 characters.');
    if (v.length > 500) throw new ParamError(`${name}[${key}]`, 'Metadata values can be at most 500 characters.');
    if (v !== '') out[key] = v;
  }
  if (Object.keys(out).length > 50) throw new ParamError(name, 'Metadata can have at most 50 keys.');
  return out;
}

export function isUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value.replace('{CHECKOUT_SESSION_ID}', 'x')).protocol);
  } catch {
    return false;
  }
}
