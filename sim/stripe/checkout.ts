// Checkout Sessions as Stripe makes them (docs.stripe.com/api/checkout/sessions/create): price_data line items of one
// currency, the shop's options (promotion codes, automatic tax with Stripe's customer_update rule, tax ID and
// billing address collection, an invoice, a payment method saved for later), and a retrieve that expands the customer.
import type { Context } from 'hono';
import { nowSeconds } from './clock.ts';
import { type FormParams, type FormValue, int, isUrl, metadata, ParamError, requiredStr, str } from './form.ts';
import { customerOr400, customers, publicSession, type SimSession, sessions, stripeId } from './objects.ts';

type LineItem = SimSession['_lineItems'][number];

/** The `line_items` of a new session: price_data items of one currency, returned with that currency. */
function readLineItems(params: FormParams): { lineItems: LineItem[]; currency: string } {
  const items = params.line_items;
  if (!Array.isArray(items) || items.length === 0)
    throw new ParamError('line_items', 'Missing required param: line_items.');
  let currency = '';
  const lineItems = items.map((item, i) => {
    if (typeof item !== 'object' || Array.isArray(item)) throw new ParamError(`line_items[${i}]`, 'Invalid line item');
    const priceData = item.price_data;
    if (typeof priceData !== 'object' || Array.isArray(priceData))
      throw new ParamError(`line_items[${i}][price_data]`, 'The simulator supports price_data line items only.');
    const itemCurrency = typeof priceData.currency === 'string' ? priceData.currency : '';
    if (!/^[a-z]{3}$/.test(itemCurrency))
      throw new ParamError(`line_items[${i}][price_data][currency]`, 'Invalid currency');
    if (currency && currency !== itemCurrency)
      throw new ParamError('line_items', 'All line items must use the same currency.');
    currency = itemCurrency;
    const amount = int(priceData.unit_amount, `line_items[${i}][price_data][unit_amount]`);
    const product = priceData.product_data;
    const name =
      typeof product === 'object' && !Array.isArray(product) && typeof product.name === 'string' ? product.name : '';
    if (!name)
      throw new ParamError(
        `line_items[${i}][price_data][product_data][name]`,
        'Missing required param: product_data[name].',
      );
    const quantity = int(item.quantity, `line_items[${i}][quantity]`);
    if (quantity < 1) throw new ParamError(`line_items[${i}][quantity]`, 'Quantity must be at least 1.');
    return { name, amount, quantity };
  });
  return { lineItems, currency };
}

function hash(params: FormParams, name: string): FormParams | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ParamError(name, 'Invalid hash');
  return value;
}

const enabled = (params: FormParams, name: string) => hash(params, name)?.enabled === 'true';

/** Checkout's tax options, with Stripe's rule: a given customer must let Checkout save the address and name it collects. */
function readTaxOptions(params: FormParams, customer: string | null) {
  const automaticTax = enabled(params, 'automatic_tax');
  const taxIds = enabled(params, 'tax_id_collection');
  const update = hash(params, 'customer_update') ?? {};
  if (customer && automaticTax && update.address !== 'auto')
    throw new ParamError(
      'customer_update[address]',
      'automatic_tax with an existing customer requires customer_update[address]=auto.',
    );
  if (customer && taxIds && update.name !== 'auto')
    throw new ParamError(
      'customer_update[name]',
      'tax_id_collection with an existing customer requires customer_update[name]=auto.',
    );
  const billing = str(params, 'billing_address_collection');
  if (billing !== null && billing !== 'auto' && billing !== 'required')
    throw new ParamError('billing_address_collection', 'Invalid billing_address_collection: must be auto or required.');
  return {
    automatic_tax: { enabled: automaticTax, status: automaticTax ? ('complete' as const) : null },
    tax_id_collection: taxIds ? { enabled: true } : null,
    billing_address_collection: billing as 'auto' | 'required' | null,
  };
}

export function createSession(c: Context, params: FormParams): SimSession {
  const mode = requiredStr(params, 'mode');
  if (mode !== 'payment') throw new ParamError('mode', 'The simulator supports mode=payment only.');
  const successUrl = requiredStr(params, 'success_url');
  if (!isUrl(successUrl)) throw new ParamError('success_url', 'Not a valid URL');
  const cancelUrl = str(params, 'cancel_url');
  if (cancelUrl && !isUrl(cancelUrl)) throw new ParamError('cancel_url', 'Not a valid URL');
  const customer = str(params, 'customer');
  const customerEmail = str(params, 'customer_email');
  if (customer && customerEmail)
    throw new ParamError('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
  if (customer) customerOr400(customer);
  const { lineItems, currency } = readLineItems(params);
  const total = lineItems.reduce((sum, item) => sum + item.amount * item.quantity, 0);
  if (total < 50)
    throw new ParamError('line_items', "The Checkout Session's total amount due must add up to at least $0.50 usd");
  const intentData = hash(params, 'payment_intent_data') ?? {};
  const paymentIntentMetadata = metadata(intentData.metadata, 'payment_intent_data[metadata]');
  const setupFutureUsage = intentData.setup_future_usage ?? null;
  if (setupFutureUsage !== null && setupFutureUsage !== 'off_session' && setupFutureUsage !== 'on_session')
    throw new ParamError('payment_intent_data[setup_future_usage]', 'Invalid setup_future_usage.');
  if (setupFutureUsage && !customer)
    throw new ParamError('payment_intent_data[setup_future_usage]', 'Saving a card needs a customer.');
  const expiresAt = params.expires_at === undefined ? nowSeconds() + 24 * 3600 : int(params.expires_at, 'expires_at');
  const id = stripeId('cs_test', 58);
  const origin = new URL(c.req.url).origin;
  const session: SimSession = {
    id,
    object: 'checkout.session',
    allow_promotion_codes: str(params, 'allow_promotion_codes') === 'true' ? true : null,
    amount_subtotal: total,
    amount_total: total,
    ...readTaxOptions(params, customer),
    cancel_url: cancelUrl,
    client_reference_id: str(params, 'client_reference_id'),
    created: nowSeconds(),
    currency,
    customer,
    customer_details: { email: customerEmail ?? (customer ? (customers.get(customer)?.email ?? null) : null) },
    customer_email: customerEmail,
    expires_at: expiresAt,
    invoice: null,
    invoice_creation: enabled(params, 'invoice_creation') ? { enabled: true } : null,
    livemode: false,
    locale: str(params, 'locale'),
    metadata: metadata(params.metadata),
    mode: 'payment',
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    success_url: successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    url: `${origin}/stripe/checkout/${id}`,
    _lineItems: lineItems,
    _paymentIntentMetadata: paymentIntentMetadata,
    _setupFutureUsage: setupFutureUsage,
  };
  sessions.set(id, session);
  return session;
}

/** A retrieved session with `expand[]`: the customer can be expanded, as in Stripe; anything else is refused. */
export function expandedSession(session: SimSession, expand: FormValue | undefined) {
  const answer: Record<string, unknown> = publicSession(session);
  for (const field of Array.isArray(expand) ? expand : []) {
    if (field !== 'customer') throw new ParamError('expand', `This property cannot be expanded (${String(field)}).`);
    answer.customer = session.customer ? (customers.get(session.customer) ?? null) : null;
  }
  return answer;
}
