// The parameters each API call of the simulator takes, so that anything else is refused as Stripe refuses it
// ("Received unknown parameter: line_items[0][price_data][colour]"): a request the shop encodes wrongly fails here
// the way it would fail against Stripe, instead of being ignored.
import { type FormParams, type FormValue, ParamError } from './form.ts';

/** `true`: one value; `'hash'`: any keys (metadata); an object: these keys; `[shape]`: a list of shape. */
export type ParamShape = true | 'hash' | { [name: string]: ParamShape } | [ParamShape];

const expand: ParamShape = [true];
const metadata: ParamShape = 'hash';

export const CUSTOMER_CREATE: ParamShape = { email: true, name: true, metadata, expand };

export const SESSION_CREATE: ParamShape = {
  mode: true,
  customer: true,
  customer_email: true,
  client_reference_id: true,
  line_items: [
    {
      quantity: true,
      price_data: {
        currency: true,
        unit_amount: true,
        tax_behavior: true,
        product_data: { name: true, description: true },
      },
    },
  ],
  metadata,
  payment_intent_data: { metadata, setup_future_usage: true },
  allow_promotion_codes: true,
  adaptive_pricing: { enabled: true },
  automatic_tax: { enabled: true },
  tax_id_collection: { enabled: true },
  billing_address_collection: true,
  customer_update: { address: true, name: true },
  invoice_creation: { enabled: true, invoice_data: { metadata } },
  success_url: true,
  cancel_url: true,
  expires_at: true,
  locale: true,
  expand,
};

/** Checkout's languages, as the API reference lists `locale` on "Create a Checkout Session"
 * (https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-locale). */
export const CHECKOUT_LOCALES = new Set(
  'auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW'.split(
    ' ',
  ),
);

/** Retrieving an object, or an action without parameters (expire). */
export const EXPAND_ONLY: ParamShape = { expand };
/** An off-session charge of a saved card (auto top-up). */
export const PAYMENT_INTENT_CREATE: ParamShape = {
  amount: true,
  currency: true,
  customer: true,
  payment_method: true,
  off_session: true,
  confirm: true,
  description: true,
  metadata,
  expand,
};

export const REFUND_CREATE: ParamShape = {
  payment_intent: true,
  charge: true,
  amount: true,
  reason: true,
  metadata,
  expand,
};

const describe = (path: string) => path || 'the request';

/** Throws Stripe's 400 for the first parameter `shape` does not have, or one of the wrong kind. */
export function checkParams(value: FormValue | FormParams, shape: ParamShape, path = ''): void {
  // '' is Stripe's way to unset a value, whatever its kind.
  if (value === '') return;
  if (shape === true) {
    if (typeof value !== 'string') throw new ParamError(path, `Invalid ${describe(path)}: must be a single value`);
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new ParamError(path, `Invalid array: ${describe(path)}`);
    for (const [i, item] of value.entries()) checkParams(item, shape[0], `${path}[${i}]`);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(path, `Invalid hash: ${describe(path)}`);
  if (shape === 'hash') return;
  for (const [name, item] of Object.entries(value)) {
    const inner = path ? `${path}[${name}]` : name;
    const known = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (!known) throw new ParamError(inner, `Received unknown parameter: ${inner}`);
    checkParams(item, known, inner);
  }
}
