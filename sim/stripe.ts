// Stripe simulator: the API subset the shop calls (served at the simulator's root, because stripe-node takes only
// host/port/protocol), a hosted checkout page, and correctly signed webhook events with test controls.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { readDevVars } from '../scripts/dev-vars.ts';
import { onReset, recordCall } from './state.ts';

// ── configuration ───────────────────────────────────────────────────────────────────────────────

interface StripeSimSettings {
  secretKey: string;
  webhookSecret: string;
  /** 'post': deliver events to the shop over HTTP (dev); 'record': only keep them for GET /_sim/stripe/deliveries (tests). */
  delivery: 'post' | 'record';
  shopUrl: string;
}

let settings: StripeSimSettings | undefined;

/** Read lazily from the simulator's env, falling back to `.dev.vars.example`, the shop's own dev config. */
function config(): StripeSimSettings {
  if (!settings) {
    const example = existsSync('.dev.vars.example') ? readDevVars('.dev.vars.example') : {};
    settings = {
      secretKey: process.env.STRIPE_SECRET_KEY || example.STRIPE_SECRET_KEY || 'sk_test_sim_local',
      webhookSecret:
        process.env.STRIPE_WEBHOOK_SECRET || example.STRIPE_WEBHOOK_SECRET || 'whsec_sim_local_signing_secret',
      delivery: process.env.SIM_STRIPE_DELIVERY === 'record' ? 'record' : 'post',
      shopUrl: (process.env.SHOP_URL || `http://127.0.0.1:${process.env.PORT || 8787}`).replace(/\/+$/, ''),
    };
  }
  return settings;
}

const WEBHOOK_PATH = '/api/stripe/webhook';
const API_VERSION = '2026-10-28.endive';
/** Seconds before a scheduled async settlement or "refund later" happens in the hosted page. */
const LATER_MS = 8_000;

// ── objects ──────────────────────────────────────────────────────────────────────────────────────

type Metadata = Record<string, string>;

interface SimCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  livemode: false;
  metadata: Metadata;
}

interface SimSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_details: { email: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  url: string | null;
  /** Not in Stripe's shape: kept out of API answers (see publicSession). */
  _lineItems: { name: string; amount: number; quantity: number }[];
  _paymentIntentMetadata: Metadata;
}

interface SimCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded' | 'failed';
}

interface SimRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

interface SimEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface SimDelivery {
  id: string;
  eventId: string;
  type: string;
  /** The exact bytes Stripe would POST. */
  payload: string;
  /** The Stripe-Signature header for `payload`. */
  signature: string;
  createdAt: string;
  state: 'recorded' | 'held' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
}

interface IdempotentAnswer {
  method: string;
  path: string;
  params: string;
  status: number;
  body: unknown;
}

const customers = new Map<string, SimCustomer>();
const sessions = new Map<string, SimSession>();
const charges = new Map<string, SimCharge>();
/** payment intent id → charge id */
const chargeByIntent = new Map<string, string>();
const refunds = new Map<string, SimRefund>();
const events: SimEvent[] = [];
const deliveries: SimDelivery[] = [];
const idempotency = new Map<string, IdempotentAnswer>();
const timers = new Set<ReturnType<typeof setTimeout>>();
let holding = false;
let delayMs = 0;

onReset(() => {
  customers.clear();
  sessions.clear();
  charges.clear();
  chargeByIntent.clear();
  refunds.clear();
  events.length = 0;
  deliveries.length = 0;
  idempotency.clear();
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  holding = false;
  delayMs = 0;
});

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return `${prefix}_${out}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function later(ms: number, task: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    task();
  }, ms);
  timers.add(timer);
}

/** A session as the API returns it (without the simulator's private fields). */
function publicSession(session: SimSession): Omit<SimSession, '_lineItems' | '_paymentIntentMetadata'> {
  const { _lineItems, _paymentIntentMetadata, ...rest } = session;
  return structuredClone(rest);
}

// ── form bodies ──────────────────────────────────────────────────────────────────────────────────

type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const segments = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, FormValue> | FormValue[] = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const holder = node as Record<string, FormValue>;
      if (last) {
        holder[segment] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(segments[i + 1]!);
      if (typeof holder[segment] !== 'object') holder[segment] = nextIsIndex ? [] : {};
      node = holder[segment] as Record<string, FormValue>;
    });
  }
  return root;
}

// ── errors ───────────────────────────────────────────────────────────────────────────────────────

type ErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error';

function stripeError(
  c: Context,
  status: 400 | 401 | 404 | 409,
  type: ErrorType,
  message: string,
  extra: { code?: string; param?: string } = {},
) {
  return c.json({ error: { type, message, ...extra, request_log_url: null } }, status);
}

class ParamError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

function str(params: Record<string, FormValue>, name: string, required = false): string | null {
  const value = params[name];
  if (value === undefined || value === '') {
    if (required) throw new ParamError(name, `Missing required param: ${name}.`);
    return null;
  }
  if (typeof value !== 'string') throw new ParamError(name, `Invalid string: ${name}`);
  return value;
}

function int(value: FormValue | undefined, name: string): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new ParamError(name, `Invalid integer: ${String(value)}`);
  return Number(value);
}

function metadata(value: FormValue | undefined, name = 'metadata'): Metadata {
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

function isUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value.replace('{CHECKOUT_SESSION_ID}', 'x')).protocol);
  } catch {
    return false;
  }
}

// ── events and webhook deliveries ────────────────────────────────────────────────────────────────

/** `t=…,v1=…` exactly as Stripe signs: HMAC-SHA256 of `${t}.${payload}` with the endpoint's secret. */
export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

function emit(type: string, object: unknown): SimEvent {
  const event: SimEvent = {
    id: stripeId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  events.push(event);
  void deliver(event, 1);
  return event;
}

/** Makes `count` deliveries of one event (fresh signatures) and sends them at once, unless held or recording. */
function deliver(event: SimEvent, count: number): SimDelivery[] {
  const payload = JSON.stringify(event, null, 2);
  const made: SimDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const delivery: SimDelivery = {
      id: stripeId('whdel', 16),
      eventId: event.id,
      type: event.type,
      payload,
      signature: signPayload(payload, config().webhookSecret),
      createdAt: new Date().toISOString(),
      state: holding ? 'held' : config().delivery === 'record' ? 'recorded' : 'sending',
      attempts: 0,
      lastStatus: null,
    };
    deliveries.push(delivery);
    made.push(delivery);
  }
  for (const delivery of made) if (delivery.state === 'sending') send(delivery);
  return made;
}

function send(delivery: SimDelivery): void {
  delivery.state = 'sending';
  if (config().delivery === 'record') {
    delivery.state = 'recorded';
    return;
  }
  const attempt = async () => {
    delivery.attempts++;
    // A retry is signed afresh, as Stripe does.
    if (delivery.attempts > 1) delivery.signature = signPayload(delivery.payload, config().webhookSecret);
    try {
      const res = await fetch(`${config().shopUrl}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': delivery.signature,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) sim',
        },
        body: delivery.payload,
      });
      delivery.lastStatus = res.status;
      await res.body?.cancel();
      if (res.ok) {
        delivery.state = 'delivered';
        console.log(`[sim] stripe → shop ${delivery.type} ${delivery.eventId}: ${res.status}`);
        return;
      }
    } catch {
      delivery.lastStatus = null;
    }
    // Stripe retries for days with backoff; the simulator retries three times within a minute.
    const backoff = [2_000, 10_000, 30_000][delivery.attempts - 1];
    if (backoff === undefined) {
      delivery.state = 'failed';
      console.log(
        `[sim] stripe → shop ${delivery.type} ${delivery.eventId}: gave up after ${delivery.attempts} attempts (last ${delivery.lastStatus ?? 'network error'})`,
      );
      return;
    }
    later(backoff, () => void attempt());
  };
  if (delayMs > 0) later(delayMs, () => void attempt());
  else void attempt();
}

// ── state changes shared by the hosted page, the API and the test controls ───────────────────────

class SimStateError extends Error {}

function sessionOr404(id: string): SimSession {
  const session = sessions.get(id);
  if (!session) throw new SimStateError(`No such checkout.session: '${id}'`);
  return session;
}

function requireOpen(session: SimSession): void {
  if (session.status !== 'open')
    throw new SimStateError(`Checkout session ${session.id} is ${session.status}, not open.`);
}

function createCharge(session: SimSession, paid: boolean): SimCharge {
  const intent = session.payment_intent!;
  const charge: SimCharge = {
    id: stripeId('ch'),
    object: 'charge',
    amount: session.amount_total,
    amount_captured: paid ? session.amount_total : 0,
    amount_refunded: 0,
    captured: paid,
    created: nowSeconds(),
    currency: session.currency,
    customer: session.customer,
    livemode: false,
    // The PaymentIntent's metadata is copied to its charge.
    metadata: { ...session._paymentIntentMetadata },
    paid,
    payment_intent: intent,
    refunded: false,
    status: paid ? 'succeeded' : 'failed',
  };
  charges.set(charge.id, charge);
  chargeByIntent.set(intent, charge.id);
  return charge;
}

function complete(session: SimSession, paymentStatus: 'paid' | 'unpaid'): SimEvent {
  requireOpen(session);
  session.status = 'complete';
  session.payment_status = paymentStatus;
  session.payment_intent = stripeId('pi');
  session.url = null;
  if (paymentStatus === 'paid') createCharge(session, true);
  return emit('checkout.session.completed', publicSession(session));
}

function pay(session: SimSession): SimEvent[] {
  return [complete(session, 'paid')];
}

function startAsync(session: SimSession): SimEvent[] {
  return [complete(session, 'unpaid')];
}

function settle(session: SimSession, outcome: 'succeeded' | 'failed'): SimEvent[] {
  if (session.status !== 'complete' || session.payment_status !== 'unpaid')
    throw new SimStateError(
      `Checkout session ${session.id} has no async payment waiting (status ${session.status}, payment ${session.payment_status}).`,
    );
  if (outcome === 'succeeded') {
    session.payment_status = 'paid';
    createCharge(session, true);
    return [emit('checkout.session.async_payment_succeeded', publicSession(session))];
  }
  createCharge(session, false);
  return [emit('checkout.session.async_payment_failed', publicSession(session))];
}

function expire(session: SimSession): SimEvent[] {
  requireOpen(session);
  session.status = 'expired';
  session.url = null;
  return [emit('checkout.session.expired', publicSession(session))];
}

function refund(
  charge: SimCharge,
  amount: number | null,
  reason: string | null,
): { refund: SimRefund; event: SimEvent } {
  if (!charge.paid) throw new SimStateError(`Charge ${charge.id} was not paid.`);
  const left = charge.amount - charge.amount_refunded;
  const value = amount ?? left;
  if (value <= 0 || value > left)
    throw new SimStateError(`Refund amount (${value}) is greater than unrefunded amount on charge (${left}).`);
  const created: SimRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount: value,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason,
    status: 'succeeded',
  };
  refunds.set(created.id, created);
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount;
  return { refund: created, event: emit('charge.refunded', charge) };
}

function chargeOfSession(session: SimSession): SimCharge {
  const chargeId = session.payment_intent ? chargeByIntent.get(session.payment_intent) : undefined;
  const charge = chargeId ? charges.get(chargeId) : undefined;
  if (!charge || !charge.paid) throw new SimStateError(`Checkout session ${session.id} has no paid charge to refund.`);
  return charge;
}

// ── the API (`/v1/…`, as stripe-node calls it) ───────────────────────────────────────────────────

function authorised(c: Context): boolean | 'missing' {
  const header = c.req.header('authorization') ?? '';
  let key: string | undefined;
  if (header.startsWith('Bearer ')) key = header.slice(7);
  else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
  if (!key) return 'missing';
  return key === config().secretKey;
}

/** Runs a POST handler with Stripe's auth, form decoding and Idempotency-Key replay. */
async function post(
  c: Context,
  handler: (params: Record<string, FormValue>) => { status?: 200; body: unknown } | Response,
): Promise<Response> {
  const auth = authorised(c);
  if (auth === 'missing')
    return stripeError(
      c,
      401,
      'invalid_request_error',
      'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
    );
  if (!auth) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided: sk_test_********');
  const raw = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (raw && !type.startsWith('application/x-www-form-urlencoded'))
    return stripeError(
      c,
      400,
      'invalid_request_error',
      'Invalid request: send application/x-www-form-urlencoded bodies.',
    );
  const params = parseStripeForm(raw);
  const key = c.req.header('idempotency-key');
  const path = new URL(c.req.url).pathname;
  const canonical = JSON.stringify(params);
  if (key) {
    const seen = idempotency.get(key);
    if (seen) {
      if (seen.path !== path || seen.method !== c.req.method || seen.params !== canonical)
        return stripeError(
          c,
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      c.header('Idempotent-Replayed', 'true');
      return c.json(seen.body, seen.status as 200);
    }
  }
  let status = 200;
  let body: unknown;
  try {
    const result = handler(params);
    if (result instanceof Response) return result;
    body = result.body;
  } catch (err) {
    if (err instanceof ParamError) {
      status = 400;
      body = {
        error: {
          type: 'invalid_request_error',
          message: err.message,
          param: err.param,
          code: 'parameter_invalid',
          request_log_url: null,
        },
      };
    } else if (err instanceof SimStateError) {
      status = 400;
      body = { error: { type: 'invalid_request_error', message: err.message, request_log_url: null } };
    } else throw err;
  }
  // Stripe stores 4xx answers under the key too (a retry with the same key gets the same error).
  if (key) idempotency.set(key, { method: c.req.method, path, params: canonical, status, body });
  c.header('Request-Id', stripeId('req', 14));
  return c.json(body, status as 200);
}

function get(c: Context, find: () => unknown | undefined, what: string, id: string): Response {
  const auth = authorised(c);
  if (auth !== true) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided.');
  const found = find();
  if (!found)
    return stripeError(c, 404, 'invalid_request_error', `No such ${what}: '${id}'`, {
      code: 'resource_missing',
      param: 'id',
    });
  return c.json(found);
}

function createSession(c: Context, params: Record<string, FormValue>): SimSession {
  const mode = str(params, 'mode', true);
  if (mode !== 'payment') throw new ParamError('mode', 'The simulator supports mode=payment only.');
  const successUrl = str(params, 'success_url', true)!;
  if (!isUrl(successUrl)) throw new ParamError('success_url', 'Not a valid URL');
  const cancelUrl = str(params, 'cancel_url');
  if (cancelUrl && !isUrl(cancelUrl)) throw new ParamError('cancel_url', 'Not a valid URL');
  const customer = str(params, 'customer');
  const customerEmail = str(params, 'customer_email');
  if (customer && customerEmail)
    throw new ParamError('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
  if (customer && !customers.has(customer)) throw new ParamError('customer', `No such customer: '${customer}'`);
  const items = params.line_items;
  if (!Array.isArray(items) || items.length === 0)
    throw new ParamError('line_items', 'Missing required param: line_items.');
  let currency: string | undefined;
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
  const total = lineItems.reduce((sum, item) => sum + item.amount * item.quantity, 0);
  if (total < 50)
    throw new ParamError('line_items', "The Checkout Session's total amount due must add up to at least $0.50 usd");
  const intentData = params.payment_intent_data;
  const paymentIntentMetadata =
    typeof intentData === 'object' && !Array.isArray(intentData)
      ? metadata(intentData.metadata, 'payment_intent_data[metadata]')
      : {};
  const expiresAt = params.expires_at === undefined ? nowSeconds() + 24 * 3600 : int(params.expires_at, 'expires_at');
  const id = stripeId('cs_test', 58);
  const origin = new URL(c.req.url).origin;
  const session: SimSession = {
    id,
    object: 'checkout.session',
    amount_subtotal: total,
    amount_total: total,
    cancel_url: cancelUrl,
    client_reference_id: str(params, 'client_reference_id'),
    created: nowSeconds(),
    currency: currency!,
    customer,
    customer_details: { email: customerEmail ?? (customer ? customers.get(customer)!.email : null) },
    customer_email: customerEmail,
    expires_at: expiresAt,
    livemode: false,
    metadata: metadata(params.metadata),
    mode: 'payment',
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    success_url: successUrl,
    url: `${origin}/stripe/checkout/${id}`,
    _lineItems: lineItems,
    _paymentIntentMetadata: paymentIntentMetadata,
  };
  sessions.set(id, session);
  return session;
}

function stateErrorAnswer(c: Context, fn: () => unknown) {
  try {
    return c.json(fn());
  } catch (err) {
    if (err instanceof SimStateError) return c.json({ error: err.message }, 409);
    throw err;
  }
}

const STRIPE_PATHS = ['/v1/customers/*', '/v1/checkout/*', '/v1/refunds/*', '/v1/charges/*'];

const stripeApi = new Hono()
  // Logged for GET /_sim/calls like the other simulators (only Stripe's own paths: /v1 is shared with Proxies.sx).
  .on(['GET', 'POST'], STRIPE_PATHS, async (c, next) => {
    const url = new URL(c.req.url);
    recordCall(c.req.method, url.pathname + url.search);
    await next();
  })
  .post('/v1/customers', (c) =>
    post(c, (params) => {
      const customer: SimCustomer = {
        id: stripeId('cus', 14),
        object: 'customer',
        created: nowSeconds(),
        email: str(params, 'email'),
        name: str(params, 'name'),
        livemode: false,
        metadata: metadata(params.metadata),
      };
      customers.set(customer.id, customer);
      return { body: customer };
    }),
  )
  .get('/v1/customers/:id', (c) => get(c, () => customers.get(c.req.param('id')), 'customer', c.req.param('id')))
  .post('/v1/checkout/sessions', (c) => post(c, (params) => ({ body: publicSession(createSession(c, params)) })))
  .get('/v1/checkout/sessions', (c) => {
    if (authorised(c) !== true) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided.');
    const intent = c.req.query('payment_intent');
    const data = [...sessions.values()]
      .filter((s) => !intent || s.payment_intent === intent)
      .reverse()
      .map(publicSession);
    return c.json({ object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });
  })
  .get('/v1/checkout/sessions/:id', (c) => {
    const session = sessions.get(c.req.param('id'));
    return get(c, () => session && publicSession(session), 'checkout.session', c.req.param('id'));
  })
  .post('/v1/checkout/sessions/:id/expire', (c) =>
    post(c, () => {
      const session = sessions.get(c.req.param('id'));
      if (!session)
        return stripeError(c, 404, 'invalid_request_error', `No such checkout.session: '${c.req.param('id')}'`, {
          code: 'resource_missing',
          param: 'id',
        });
      expire(session);
      return { body: publicSession(session) };
    }),
  )
  .post('/v1/refunds', (c) =>
    post(c, (params) => {
      const intent = str(params, 'payment_intent');
      const chargeId = str(params, 'charge') ?? (intent ? chargeByIntent.get(intent) : undefined);
      if (!chargeId) throw new ParamError('payment_intent', 'One of charge or payment_intent is required.');
      const charge = charges.get(chargeId);
      if (!charge) throw new ParamError('charge', `No such charge: '${chargeId}'`);
      const amount = params.amount === undefined ? null : int(params.amount, 'amount');
      return { body: refund(charge, amount, str(params, 'reason')).refund };
    }),
  )
  .get('/v1/refunds/:id', (c) => get(c, () => refunds.get(c.req.param('id')), 'refund', c.req.param('id')))
  .get('/v1/charges/:id', (c) => get(c, () => charges.get(c.req.param('id')), 'charge', c.req.param('id')));

// ── the hosted checkout page (what a customer's browser sees) ────────────────────────────────────

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border-radius:12px;box-shadow:0 4px 24px #0001;padding:2rem;max-width:28rem;width:90%}
h1{font-size:1.25rem;margin:0 0 .25rem}.total{font-size:2rem;font-weight:700;margin:.5rem 0 1rem}.muted{color:#697386;font-size:.9rem}
form{margin:.5rem 0}button{width:100%;padding:.75rem;border-radius:8px;border:1px solid #d5dbe1;background:#fff;font:inherit;cursor:pointer}
button.primary{background:#635bff;color:#fff;border-color:#635bff}.sim{background:#fff8e1;border-radius:8px;padding:.5rem .75rem;font-size:.85rem;margin-bottom:1rem}
</style></head><body><main>${body}</main></body></html>`;
}

function checkoutPage(session: SimSession): string {
  const items = session._lineItems
    .map((i) => `<li>${esc(i.name)} × ${i.quantity} — ${money(i.amount * i.quantity, session.currency)}</li>`)
    .join('');
  const email = session.customer_details?.email ?? '';
  const action = (path: string, label: string, primary = false) =>
    `<form method="post" action="/stripe/checkout/${session.id}/${path}"><button${primary ? ' class="primary"' : ''}>${label}</button></form>`;
  if (session.status !== 'open')
    return page(
      'Checkout',
      `<h1>This checkout session is ${session.status}</h1><p class="muted">${esc(session.id)}</p>`,
    );
  return page(
    'Checkout (simulator)',
    `<div class="sim">Stripe simulator — no real payment is taken.</div>
<h1>Pay</h1><p class="muted">${esc(email)}</p><ul>${items}</ul><p class="total">${money(session.amount_total, session.currency)}</p>
${action('pay', 'Pay', true)}
${action('async-succeed', `Pay with async payment (succeeds after ${LATER_MS / 1000} s)`)}
${action('async-fail', `Pay with async payment (fails after ${LATER_MS / 1000} s)`)}
${action('refund-later', `Pay, then refund in full after ${LATER_MS / 1000} s`)}
${action('cancel', 'Cancel and return to the shop')}`,
  );
}

function successRedirect(c: Context, session: SimSession) {
  return c.redirect(session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id), 303);
}

function hosted(c: Context, act: (session: SimSession) => 'success' | 'cancel') {
  const session = sessions.get(c.req.param('id') ?? '');
  if (!session) return c.html(page('Checkout', '<h1>Unknown checkout session</h1>'), 404);
  if (session.status !== 'open') return c.html(checkoutPage(session), 409);
  const outcome = act(session);
  if (outcome === 'success') return successRedirect(c, session);
  return c.redirect(session.cancel_url ?? session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id), 303);
}

const hostedCheckout = new Hono()
  .get('/:id', (c) => {
    const session = sessions.get(c.req.param('id'));
    if (!session) return c.html(page('Checkout', '<h1>Unknown checkout session</h1>'), 404);
    return c.html(checkoutPage(session));
  })
  .post('/:id/pay', (c) => hosted(c, (s) => (pay(s), 'success')))
  .post('/:id/async-succeed', (c) =>
    hosted(c, (s) => {
      startAsync(s);
      later(LATER_MS, () => settle(s, 'succeeded'));
      return 'success';
    }),
  )
  .post('/:id/async-fail', (c) =>
    hosted(c, (s) => {
      startAsync(s);
      later(LATER_MS, () => settle(s, 'failed'));
      return 'success';
    }),
  )
  .post('/:id/refund-later', (c) =>
    hosted(c, (s) => {
      pay(s);
      later(LATER_MS, () => refund(chargeOfSession(s), null, 'requested_by_customer'));
      return 'success';
    }),
  )
  .post('/:id/cancel', (c) => hosted(c, (s) => (expire(s), 'cancel')));

// ── test controls (`/_sim/stripe/…`) ─────────────────────────────────────────────────────────────

async function jsonBody<T>(c: Context): Promise<Partial<T>> {
  return ((await c.req.json().catch(() => ({}))) ?? {}) as Partial<T>;
}

const summary = (made: SimEvent[]) => ({ events: made.map((e) => ({ id: e.id, type: e.type })) });

const controls = new Hono()
  .get('/sessions', (c) => c.json([...sessions.values()].map(publicSession)))
  .get('/sessions/:id', (c) => stateErrorAnswer(c, () => publicSession(sessionOr404(c.req.param('id')))))
  .post('/sessions/:id/pay', (c) => stateErrorAnswer(c, () => summary(pay(sessionOr404(c.req.param('id'))))))
  .post('/sessions/:id/async', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'succeeded' | 'failed' }>(c);
    return stateErrorAnswer(c, () => {
      const session = sessionOr404(c.req.param('id'));
      const made = startAsync(session);
      if (outcome === 'succeeded' || outcome === 'failed') made.push(...settle(session, outcome));
      return summary(made);
    });
  })
  .post('/sessions/:id/settle', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'succeeded' | 'failed' }>(c);
    if (outcome !== 'succeeded' && outcome !== 'failed')
      return c.json({ error: 'outcome must be "succeeded" or "failed"' }, 400);
    return stateErrorAnswer(c, () => summary(settle(sessionOr404(c.req.param('id')), outcome)));
  })
  .post('/sessions/:id/cancel', (c) => stateErrorAnswer(c, () => summary(expire(sessionOr404(c.req.param('id'))))))
  .post('/sessions/:id/refund', async (c) => {
    const { amount } = await jsonBody<{ amount: number }>(c);
    return stateErrorAnswer(c, () => {
      const charge = chargeOfSession(sessionOr404(c.req.param('id')));
      return summary([refund(charge, typeof amount === 'number' ? amount : null, null).event]);
    });
  })
  .get('/events', (c) => c.json(events))
  .get('/deliveries', (c) => {
    const { eventId, type, sessionId } = c.req.query();
    const matching = deliveries.filter(
      (d) =>
        (!eventId || d.eventId === eventId) &&
        (!type || d.type === type) &&
        (!sessionId || d.payload.includes(`"${sessionId}"`)),
    );
    return c.json(
      matching.map(({ id, eventId: ev, type: t, payload, signature, state, attempts, lastStatus, createdAt }) => ({
        id,
        eventId: ev,
        type: t,
        payload,
        signature,
        state,
        attempts,
        lastStatus,
        createdAt,
      })),
    );
  })
  /** Re-deliver an event (count 1) or duplicate it (count n, all sent at once), each with a fresh signature. */
  .post('/events/:id/deliver', async (c) => {
    const event = events.find((e) => e.id === c.req.param('id'));
    if (!event) return c.json({ error: `No such event: ${c.req.param('id')}` }, 404);
    const { count } = await jsonBody<{ count: number }>(c);
    const n = Number.isInteger(count) && count! > 0 && count! <= 1000 ? count! : 1;
    return c.json(deliver(event, n));
  })
  /** Hold deliveries (nothing is sent until release), to reorder or delay them. */
  .post('/hold', (c) => {
    holding = true;
    return c.json({ holding });
  })
  /** Send held deliveries in the given order: fifo (default), reverse, or shuffle; or `drop` them unsent. */
  .post('/release', async (c) => {
    const { order } = await jsonBody<{ order: 'fifo' | 'reverse' | 'shuffle' | 'drop' }>(c);
    holding = false;
    const held = deliveries.filter((d) => d.state === 'held');
    if (order === 'drop') {
      for (const delivery of held) delivery.state = 'failed';
      return c.json([]);
    }
    if (order === 'reverse') held.reverse();
    if (order === 'shuffle') held.sort(() => Math.random() - 0.5);
    for (const delivery of held) send(delivery);
    return c.json(held.map((d) => ({ id: d.id, eventId: d.eventId, type: d.type })));
  })
  /** Wait this many ms before each delivery is sent (0 turns it off). */
  .post('/delay', async (c) => {
    const { ms } = await jsonBody<{ ms: number }>(c);
    delayMs = typeof ms === 'number' && ms >= 0 && ms <= 600_000 ? ms : 0;
    return c.json({ delayMs });
  })
  /** Signs any payload with the endpoint secret (or another secret/timestamp), for signature tests. */
  .post('/sign', async (c) => {
    const { payload, timestamp, secret } = await jsonBody<{ payload: string; timestamp: number; secret: string }>(c);
    if (typeof payload !== 'string') return c.json({ error: 'payload (string) is required' }, 400);
    return c.json({
      signature: signPayload(
        payload,
        typeof secret === 'string' ? secret : config().webhookSecret,
        typeof timestamp === 'number' ? timestamp : undefined,
      ),
    });
  });

export const stripeSim = new Hono()
  .route('/', stripeApi)
  .route('/stripe/checkout', hostedCheckout)
  .route('/_sim/stripe', controls);
