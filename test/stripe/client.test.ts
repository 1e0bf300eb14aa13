// The shop's own Stripe client against the Stripe simulator, which decodes bodies as strictly as Stripe: the nested
// form encoding, the headers (pinned Stripe-Version, Idempotency-Key), retries as Stripe advises (and never a POST
// without a key), Stripe's errors as typed errors, and the timeout.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { createStripeClient } from '../../src/stripe/client.ts';
import { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import { type ReceivedRequest, rejection, resetSimulators, sim } from '../support/index.ts';

const received = () => sim<ReceivedRequest[]>('/_sim/stripe/requests');

/** The next `count` Stripe API calls fail (or answer slowly) as described. */
function stripeFault(spec: Record<string, unknown>) {
  return sim('/_sim/stripe/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
}

function client(options: { timeoutMs?: number; maxNetworkRetries?: number; secretKey?: string } = {}) {
  const { apiUrl, secretKey } = getConfig(env).stripe;
  return createStripeClient({ apiUrl, secretKey, timeoutMs: 10_000, maxNetworkRetries: 1, ...options });
}

const SESSION = {
  mode: 'payment' as const,
  line_items: [
    {
      quantity: 2,
      price_data: {
        currency: 'usd',
        unit_amount: 450,
        product_data: { name: 'Acme — Pro & more', description: 'a=b' },
      },
    },
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'Ünïcode [GB]' } } },
  ],
  metadata: { shop_order_id: 'ord_1', note: '50% off? no; 1+1=2' },
  payment_intent_data: { metadata: { shop_order_id: 'ord_1' } },
  success_url: 'https://shop.test/dashboard?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: undefined,
};

beforeEach(resetSimulators);

describe('the request Stripe receives', () => {
  it('encodes nested params, arrays and metadata so that Stripe decodes exactly what the shop meant', async () => {
    const session = await client().checkout.sessions.create(SESSION, { idempotencyKey: 'encode-1' });
    expect(session).toMatchObject({ amount_total: 1000, currency: 'usd', metadata: SESSION.metadata });

    const [request] = await received();
    expect(request?.encoded).toContain('line_items[1][price_data][product_data][name]=%C3%9Cn%C3%AFcode%20[GB]');
    expect(request?.params).toEqual({
      mode: 'payment',
      line_items: [
        {
          quantity: '2',
          price_data: {
            currency: 'usd',
            unit_amount: '450',
            product_data: { name: 'Acme — Pro & more', description: 'a=b' },
          },
        },
        { quantity: '1', price_data: { currency: 'usd', unit_amount: '100', product_data: { name: 'Ünïcode [GB]' } } },
      ],
      metadata: { shop_order_id: 'ord_1', note: '50% off? no; 1+1=2' },
      payment_intent_data: { metadata: { shop_order_id: 'ord_1' } },
      success_url: 'https://shop.test/dashboard?session_id={CHECKOUT_SESSION_ID}',
    });
    expect(request).toMatchObject({ idempotencyKey: 'encode-1', stripeVersion: STRIPE_API_VERSION, status: 200 });
  });

  it('sends expand[] on a retrieve, and Stripe expands what it names', async () => {
    const stripe = client();
    const customer = await stripe.customers.create({
      email: 'expand@example.com',
      metadata: { shop_customer_id: 'c1' },
    });
    const created = await stripe.checkout.sessions.create({ ...SESSION, customer: customer.id });
    const plain = await stripe.checkout.sessions.retrieve(created.id);
    expect(plain.customer).toBe(customer.id);
    const expanded = await stripe.checkout.sessions.retrieve(created.id, { expand: ['customer'] });
    expect(expanded.customer).toMatchObject({ id: customer.id, email: 'expand@example.com' });
    const gets = (await received()).filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.params)).toEqual([{}, { expand: ['customer'] }]);
    expect(gets.map((r) => r.idempotencyKey)).toEqual([null, null]);
  });

  it('is refused like Stripe refuses it when a parameter is unknown, misplaced or malformed', async () => {
    const unknown = await rejection(
      client().checkout.sessions.create({
        ...SESSION,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, colour: 'red' } as never }],
      }),
    );
    expect(unknown).toMatchObject({
      type: 'invalid_request_error',
      statusCode: 400,
      param: 'line_items[0][price_data][colour]',
      message: 'Received unknown parameter: line_items[0][price_data][colour]',
      requestId: expect.stringMatching(/^req_/),
    });

    // What a careless encoder would send: the simulator names the parameter instead of guessing.
    const raw = async (body: string) => {
      const res = await fetch(`${env.SIM_URL}/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${getConfig(env).stripe.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      return { status: res.status, error: ((await res.json()) as { error: { type: string; param: string } }).error };
    };
    for (const [body, param] of [
      ['metadata[a]=1&metadata=2', 'metadata'],
      ['email=a@example.com&email=b@example.com', 'email'],
      ['expand[1]=x', 'expand'],
      ['expand[]=x&expand[0]=y', 'expand'],
      ['metadata[a=1', 'metadata[a'],
      ['email[]=a@example.com', 'email'],
    ])
      expect(await raw(body as string), body).toEqual({
        status: 400,
        error: expect.objectContaining({ type: 'invalid_request_error', param }),
      });
  });
});

describe('retries', () => {
  it.each([
    [500, 'api_error'],
    [429, 'rate_limit_error'],
    [409, 'invalid_request_error'],
  ])('retries a %i once with the same Idempotency-Key, and Stripe acts once', async (status, type) => {
    await stripeFault({ count: 1, status, type, code: status === 409 ? 'lock_timeout' : undefined });
    const session = await client().checkout.sessions.create(SESSION, { idempotencyKey: `retry-${status}` });
    const sessions = await sim<{ id: string }[]>('/_sim/stripe/sessions');
    expect(sessions.map((s) => s.id)).toEqual([session.id]);
    const attempts = await received();
    expect(attempts.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [status, `retry-${status}`],
      [200, `retry-${status}`],
    ]);
  });

  it('gives a POST the caller sent without a key one of its own, so its retry is never blind', async () => {
    // The answer is lost after Stripe made the session: the retry must get that session, not make a second.
    await stripeFault({ count: 1, slowMs: 1500 });
    const session = await client({ timeoutMs: 300 }).checkout.sessions.create(SESSION);
    const attempts = await received();
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.idempotencyKey).toMatch(/^stripe-fetch-retry-[0-9a-f-]{36}$/);
    expect(attempts[1]?.idempotencyKey).toBe(attempts[0]?.idempotencyKey);
    const sessions = await sim<{ id: string }[]>('/_sim/stripe/sessions');
    expect(sessions.map((s) => s.id)).toEqual([session.id]);

    await client().customers.create({ email: 'other@example.com' });
    const keys = new Set((await received()).map((r) => r.idempotencyKey));
    expect(keys.size).toBe(2);
  });

  it('retries a GET (safe, no key needed) and stops after the configured retries', async () => {
    const stripe = client();
    const { id } = await stripe.checkout.sessions.create(SESSION);
    await stripeFault({ count: 1, status: 503 });
    expect((await stripe.checkout.sessions.retrieve(id)).id).toBe(id);

    await stripeFault({ count: 3, status: 500 });
    const down = await rejection(client({ maxNetworkRetries: 2 }).checkout.sessions.retrieve(id));
    expect(down).toMatchObject({ type: 'api_error', statusCode: 500 });
    expect((await received()).filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([
      503, 200, 500, 500, 500,
    ]);
  });

  it('honours Stripe-Should-Retry both ways, and never retries a refused request', async () => {
    const stripe = client();
    await stripeFault({ count: 1, status: 500, shouldRetry: false });
    expect(await rejection(stripe.customers.create({ email: 'a@example.com' }))).toMatchObject({ statusCode: 500 });
    expect(await received()).toHaveLength(1);

    await resetSimulators();
    await stripeFault({ count: 1, status: 400, type: 'invalid_request_error', shouldRetry: true });
    expect((await stripe.customers.create({ email: 'b@example.com' })).email).toBe('b@example.com');
    expect((await received()).map((r) => r.status)).toEqual([400, 200]);

    await resetSimulators();
    await rejection(stripe.customers.create({ email: 'c@example.com', colour: 'red' } as never));
    await stripeFault({ count: 1, status: 402, type: 'card_error', code: 'card_declined' });
    await rejection(stripe.paymentIntents.create({ amount: 900, currency: 'usd' }));
    expect((await received()).map((r) => r.status)).toEqual([400, 402]);
  });
});

describe('errors', () => {
  it("tells a declined card from Stripe being down, with Stripe's details", async () => {
    await stripeFault({
      count: 1,
      status: 402,
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    const declined = await rejection(
      client().paymentIntents.create(
        { amount: 900, currency: 'usd', customer: 'cus_x', payment_method: 'pm_x', off_session: true, confirm: true },
        { idempotencyKey: 'top-up-1' },
      ),
    );
    expect(declined).toMatchObject({
      type: 'card_error',
      statusCode: 402,
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      requestId: expect.stringMatching(/^req_/),
    });
    expect((await received())[0]).toMatchObject({
      path: '/v1/payment_intents',
      idempotencyKey: 'top-up-1',
      params: { amount: '900', off_session: 'true', confirm: 'true', payment_method: 'pm_x' },
    });

    await stripeFault({ count: 2, status: 500 });
    const down = await rejection(client().paymentIntents.create({ amount: 900, currency: 'usd' }));
    expect(down).toMatchObject({ type: 'api_error', statusCode: 500, code: null, declineCode: null });
  });

  it('reports a wrong secret key as an authentication error, and never carries `status` (a shop error would be shown as is)', async () => {
    // Stripe's body says `invalid_request_error` for a 401; stripe-node (and the shop) classify by the HTTP status.
    const refused = await rejection(
      client({ secretKey: 'sk_test_wrong' }).customers.create({ email: 'x@example.com' }),
    );
    expect(refused).toMatchObject({ type: 'authentication_error', statusCode: 401 });
    expect('status' in refused).toBe(false);
    for (const [status, type] of [
      [403, 'permission_error'],
      [429, 'rate_limit_error'],
      [404, 'invalid_request_error'],
    ] as const) {
      await stripeFault({ count: 1, status, type: 'invalid_request_error', shouldRetry: false });
      expect(await rejection(client().customers.create({ email: 'x@example.com' }))).toMatchObject({
        type,
        statusCode: status,
      });
    }
  });

  it('gives up on an answer that does not come in time, as a connection error', async () => {
    await stripeFault({ count: 1, slowMs: 3000 });
    const late = await rejection(
      client({ timeoutMs: 200, maxNetworkRetries: 0 }).customers.create({ email: 'late@example.com' }),
    );
    expect(late).toMatchObject({ type: 'connection_error', timedOut: true, statusCode: null });
    expect(late.message).toMatch(/timeout/);
  });
});
