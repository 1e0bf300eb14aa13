// The Stripe API subset the shop calls, under /v1 as Stripe serves it: customers (and deleting one), checkout sessions
// (create with the shop's options, list by payment intent, retrieve with the customer expanded, expire), refunds,
// charges, off-session PaymentIntents on a saved payment method (and listing them), Stripe Tax calculations, and the
// webhook endpoints `npm run stripe:webhook` manages.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { createSession, expandedSession } from './checkout.ts';
import { catchUp, nowSeconds } from './clock.ts';
import { createEndpoint, deleteEndpoint, endpointOr404, listEndpoints, updateEndpoint } from './endpoints.ts';
import { recordAndFault } from './faults.ts';
import { type FormParams, int, metadata, ParamError, str } from './form.ts';
import { createOffSessionIntent, listIntents } from './intents.ts';
import { expire } from './lifecycle.ts';
import {
  chargeByIntent,
  charges,
  customers,
  deleteCustomer,
  deletedCustomers,
  paymentIntents,
  publicSession,
  refunds,
  type SimCustomer,
  sessions,
  stripeId,
} from './objects.ts';
import {
  CUSTOMER_CREATE,
  EXPAND_ONLY,
  PAYMENT_INTENT_CREATE,
  PAYMENT_INTENT_LIST,
  REFUND_CREATE,
  SESSION_CREATE,
  TAX_CALCULATION_CREATE,
  WEBHOOK_ENDPOINT_CREATE,
  WEBHOOK_ENDPOINT_LIST,
  WEBHOOK_ENDPOINT_UPDATE,
} from './params.ts';
import { refund } from './refunds.ts';
import { authorised, get, notFound, post, stripeError } from './requests.ts';
import { createCalculation } from './tax.ts';

/** POST /v1/customers (Stripe API reference, "Create a customer"). */
export function createCustomer(params: FormParams): SimCustomer {
  const customer: SimCustomer = {
    id: stripeId('cus', 14),
    object: 'customer',
    address: null,
    created: nowSeconds(),
    email: str(params, 'email'),
    name: str(params, 'name'),
    livemode: false,
    metadata: metadata(params.metadata),
  };
  customers.set(customer.id, customer);
  return customer;
}

function retrieveCustomer(c: Context) {
  const id = c.req.param('id') ?? '';
  return get(
    c,
    () => customers.get(id) ?? (deletedCustomers.has(id) ? { id, object: 'customer', deleted: true } : undefined),
    'customer',
    id,
  );
}

const STRIPE_PATHS = [
  '/v1/customers/*',
  '/v1/checkout/*',
  '/v1/refunds/*',
  '/v1/charges/*',
  '/v1/payment_intents/*',
  '/v1/tax/*',
  '/v1/webhook_endpoints/*',
];

/** What fell due on Stripe's clock (sessions reaching expires_at) happens before the call is answered. */
const timePasses: MiddlewareHandler = async (_c, next) => {
  catchUp();
  await next();
};

export const stripeApi = new Hono()
  // Logged for GET /_sim/calls and /_sim/stripe/requests, with faults applied (only Stripe's own paths: /v1 is
  // shared with Proxies.sx).
  .on(['GET', 'POST', 'DELETE'], STRIPE_PATHS, recordAndFault, timePasses)
  .post('/v1/customers', (c) => post(c, CUSTOMER_CREATE, (params) => ({ body: createCustomer(params) })))
  .get('/v1/customers/:id', retrieveCustomer)
  .delete('/v1/customers/:id', (c) => post(c, EXPAND_ONLY, () => ({ body: deleteCustomer(c.req.param('id')) })))
  .post('/v1/checkout/sessions', (c) =>
    post(c, SESSION_CREATE, (params) => ({ body: publicSession(createSession(c, params)) })),
  )
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
    return get(
      c,
      (params) => session && expandedSession(session, params.expand),
      'checkout.session',
      c.req.param('id'),
    );
  })
  .post('/v1/checkout/sessions/:id/expire', (c) =>
    post(c, EXPAND_ONLY, () => {
      const session = sessions.get(c.req.param('id'));
      if (!session) return notFound(c, 'checkout.session', c.req.param('id'));
      expire(session);
      return { body: publicSession(session) };
    }),
  )
  .post('/v1/refunds', (c) =>
    post(c, REFUND_CREATE, (params) => {
      const intent = str(params, 'payment_intent');
      const chargeId = str(params, 'charge') ?? (intent ? chargeByIntent.get(intent) : undefined);
      if (!chargeId) throw new ParamError('payment_intent', 'One of charge or payment_intent is required.');
      const charge = charges.get(chargeId);
      if (!charge) throw new ParamError('charge', `No such charge: '${chargeId}'`, 'resource_missing');
      const amount = params.amount === undefined ? null : int(params.amount, 'amount');
      return { body: refund(charge, amount, str(params, 'reason'), metadata(params.metadata)).refund };
    }),
  )
  .get('/v1/refunds/:id', (c) => get(c, () => refunds.get(c.req.param('id')), 'refund', c.req.param('id')))
  .get('/v1/charges/:id', (c) => get(c, () => charges.get(c.req.param('id')), 'charge', c.req.param('id')))
  .post('/v1/payment_intents', (c) =>
    post(c, PAYMENT_INTENT_CREATE, (params) => ({ body: createOffSessionIntent(params) })),
  )
  .get('/v1/payment_intents', (c) => get(c, (params) => listIntents(params), 'list', '', PAYMENT_INTENT_LIST))
  .get('/v1/payment_intents/:id', (c) =>
    get(c, () => paymentIntents.get(c.req.param('id')), 'payment_intent', c.req.param('id')),
  )
  .post('/v1/tax/calculations', (c) =>
    post(c, TAX_CALCULATION_CREATE, (params) => ({ body: createCalculation(params) })),
  )
  .post('/v1/webhook_endpoints', (c) =>
    post(c, WEBHOOK_ENDPOINT_CREATE, (params) => ({ body: createEndpoint(params) })),
  )
  .get('/v1/webhook_endpoints', (c) => get(c, (params) => listEndpoints(params), 'list', '', WEBHOOK_ENDPOINT_LIST))
  .get('/v1/webhook_endpoints/:id', (c) =>
    get(c, () => endpointOr404(c.req.param('id')), 'webhook_endpoint', c.req.param('id')),
  )
  .post('/v1/webhook_endpoints/:id', (c) =>
    post(c, WEBHOOK_ENDPOINT_UPDATE, (params) => ({
      body: updateEndpoint(endpointOr404(c.req.param('id')), params),
    })),
  )
  .delete('/v1/webhook_endpoints/:id', (c) =>
    post(c, EXPAND_ONLY, () => ({ body: deleteEndpoint(endpointOr404(c.req.param('id'))) })),
  );
