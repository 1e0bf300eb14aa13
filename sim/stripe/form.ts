// Stripe's request bodies: form encoding (`a[b][0][c]=v`) decoded into nested values, and the readers that
// check each parameter and answer like Stripe when one is missing or wrong (ParamError → 400 with `param`).

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = Record<string, FormValue>;
export type Metadata = Record<string, string>;

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function parseStripeForm(body: string): FormParams {
  const root: FormParams = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const segments = rawKey.replace(/\]/g, '').split('[');
    const leaf = segments.pop() ?? '';
    let holder: FormParams = root;
    segments.forEach((segment, i) => {
      const nextIsIndex = /^\d+$/.test(segments[i + 1] ?? leaf);
      if (typeof holder[segment] !== 'object') holder[segment] = nextIsIndex ? [] : {};
      holder = holder[segment] as FormParams;
    });
    holder[leaf] = value;
  }
  return root;
}

export class ParamError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
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

export function metadata(value: FormValue | undefined, name = 'metadata'): Metadata {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(name, 'Invalid hash');
  const out: Metadata = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ParamError(`${name}[${key}]`, 'Metadata values must be strings.');
    if (key.length > 40) throw new ParamError(`${name}[${key}]`, 'Metadata keys can be at most 40 characters.');
    if (v.length > 500) throw new ParamError(`${name}[${key}]`, 'Metadata values can be at most 500 characters.');
    out[key] = v;
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
