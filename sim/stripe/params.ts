// The parameters each API call of the simulator takes, and the values each may have, so that anything else is refused
// as Stripe refuses it ("Received unknown parameter: line_items[0][price_data][colour]", "Invalid integer: 12.5",
// "Invalid reason: must be one of duplicate, fraudulent or requested_by_customer"): a request the shop encodes wrongly
// fails here the way it would fail against Stripe, instead of being ignored. Names, nesting and enums are those of
// Stripe's OpenAPI spec as stripe-node 23.1.0 types it (test/stripe/conformance.ts checks every name against it).
import { type FormParams, type FormValue, ParamError } from './form.ts';

/** A value's kind: an integer (minor units, counts, unix times), a boolean, a lowercase ISO currency. */
export type ValueKind = 'int' | 'bool' | 'currency';

/**
 * `true`: any one value; a kind; a Set: one of these values (an enum); `'hash'`: any keys (metadata); an object: these
 * keys; `[shape]`: a list of shape.
 */
export type ParamShape =
  | true
  | ValueKind
  | ReadonlySet<string>
  | 'hash'
  | { [name: string]: ParamShape }
  | [ParamShape];

const oneOf = (...values: string[]): ReadonlySet<string> => new Set(values);

const expand: [true] = [true];
const metadata = 'hash';

export const CUSTOMER_CREATE = { email: true, name: true, metadata, expand } satisfies ParamShape;

export const SESSION_CREATE = {
  mode: oneOf('payment', 'setup', 'subscription'),
  customer: true,
  customer_email: true,
  client_reference_id: true,
  line_items: [
    {
      quantity: 'int',
      price_data: {
        currency: 'currency',
        unit_amount: 'int',
        tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
        product_data: { name: true, description: true },
      },
    },
  ],
  metadata,
  payment_intent_data: { metadata, setup_future_usage: oneOf('off_session', 'on_session') },
  allow_promotion_codes: 'bool',
  adaptive_pricing: { enabled: 'bool' },
  automatic_tax: { enabled: 'bool' },
  tax_id_collection: { enabled: 'bool' },
  billing_address_collection: oneOf('auto', 'required'),
  customer_update: { address: oneOf('auto', 'never'), name: oneOf('auto', 'never') },
  invoice_creation: { enabled: 'bool', invoice_data: { metadata } },
  success_url: true,
  cancel_url: true,
  expires_at: 'int',
  // Checkout's languages, as the API reference lists `locale` on "Create a Checkout Session".
  locale: oneOf(
    ...'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'.split(
      ' ',
    ),
  ),
  expand,
} satisfies ParamShape;

/** Retrieving an object, or an action without parameters (expire, delete). */
export const EXPAND_ONLY = { expand } satisfies ParamShape;

/** An off-session charge of a saved payment method (auto top-up), its tax from a Stripe Tax calculation. */
export const PAYMENT_INTENT_CREATE = {
  amount: 'int',
  currency: 'currency',
  customer: true,
  payment_method: true,
  off_session: oneOf('true', 'false', 'one_off', 'recurring'),
  confirm: 'bool',
  description: true,
  metadata,
  hooks: { inputs: { tax: { calculation: true } } },
  expand,
} satisfies ParamShape;

const range = { gt: 'int', gte: 'int', lt: 'int', lte: 'int' } satisfies ParamShape;
const page = { limit: 'int', starting_after: true, ending_before: true, expand } satisfies ParamShape;

export const PAYMENT_INTENT_LIST = { ...page, customer: true, created: range } satisfies ParamShape;

export const REFUND_CREATE = {
  payment_intent: true,
  charge: true,
  amount: 'int',
  reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer'),
  metadata,
  expand,
} satisfies ParamShape;

export const TAX_CALCULATION_CREATE = {
  currency: 'currency',
  customer: true,
  line_items: [
    {
      amount: 'int',
      reference: true,
      quantity: 'int',
      tax_behavior: oneOf('exclusive', 'inclusive'),
      tax_code: true,
      metadata,
    },
  ],
  expand,
} satisfies ParamShape;

const endpoint = {
  url: true,
  enabled_events: [true],
  description: true,
  metadata,
  expand,
} satisfies ParamShape;

export const WEBHOOK_ENDPOINT_CREATE = { ...endpoint, api_version: true, connect: 'bool' } satisfies ParamShape;
export const WEBHOOK_ENDPOINT_UPDATE = { ...endpoint, disabled: 'bool' } satisfies ParamShape;
export const WEBHOOK_ENDPOINT_LIST = page;

const describe = (path: string) => path || 'the request';

const VALUE: Record<ValueKind, { test: RegExp; what: string }> = {
  int: { test: /^-?\d+$/, what: 'integer' },
  bool: { test: /^(true|false)$/, what: 'boolean' },
  currency: { test: /^[a-z]{3}$/, what: 'currency' },
};

function checkValue(value: string, shape: true | ValueKind | ReadonlySet<string>, path: string): void {
  if (shape === true) return;
  if (typeof shape === 'string') {
    if (!VALUE[shape].test.test(value)) throw new ParamError(path, `Invalid ${VALUE[shape].what}: ${value}`);
    return;
  }
  if (!shape.has(value))
    throw new ParamError(path, `Invalid ${path}: must be one of ${[...shape].join(', ')} (got ${value})`);
}

/** Throws Stripe's 400 for the first parameter `shape` does not have, or one of the wrong kind or value. */
export function checkParams(value: FormValue | FormParams, shape: ParamShape, path = ''): void {
  // '' is Stripe's way to unset a value, whatever its kind.
  if (value === '') return;
  if (shape === true || typeof shape === 'string' || shape instanceof Set) {
    if (shape === 'hash') {
      if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(path, `Invalid hash: ${path}`);
      return;
    }
    if (typeof value !== 'string') throw new ParamError(path, `Invalid ${describe(path)}: must be a single value`);
    checkValue(value, shape as true | ValueKind | ReadonlySet<string>, path);
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new ParamError(path, `Invalid array: ${describe(path)}`);
    for (const [i, item] of value.entries()) checkParams(item, shape[0], `${path}[${i}]`);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(path, `Invalid hash: ${describe(path)}`);
  for (const [name, item] of Object.entries(value)) {
    const inner = path ? `${path}[${name}]` : name;
    const known = Object.hasOwn(shape, name) ? (shape as Record<string, ParamShape>)[name] : undefined;
    if (!known) throw new ParamError(inner, `Received unknown parameter: ${inner}`);
    checkParams(item, known, inner);
  }
}
