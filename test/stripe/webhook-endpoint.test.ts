// `npm run stripe:webhook`'s work against the Stripe simulator's webhook-endpoints API: one endpoint at the shop's
// URL, for exactly the events the shop handles, in the pinned API version, its signing secret stored — and a second
// run changes nothing. An endpoint edited in the dashboard is put back; one in another API version (which Stripe only
// sets at creation) is replaced, and the events then reach the shop signed with the stored secret, in the version
// the code reads.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { syncWebhookEndpoint, type WantedEndpoint, webhookEndpointsApi } from '../../src/stripe/endpoint.ts';
import { WEBHOOK_EVENTS } from '../../src/stripe/events.ts';
import { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import {
  customerIdOf,
  type Delivery,
  deliveries,
  postWebhook,
  resetSimulators,
  signIn,
  startCheckout,
  stripeAct,
} from '../support/index.ts';

const URL = 'https://shop.test/api/stripe/webhook';
const { apiUrl, secretKey } = getConfig(env).stripe;
const api = webhookEndpointsApi({ apiUrl, secretKey, timeoutMs: 10_000, maxNetworkRetries: 0 });

/** Where the command stores the secret (wrangler secret put), in memory. */
function secretStore() {
  const stored: string[] = [];
  return {
    stored,
    want: (): WantedEndpoint => ({
      url: URL,
      events: WEBHOOK_EVENTS,
      apiVersion: STRIPE_API_VERSION,
      secretStored: stored.length > 0,
      storeSecret: async (secret) => {
        stored.push(secret);
      },
    }),
  };
}

const endpoints = async () => (await api.list({ limit: 100 })).data;

beforeEach(resetSimulators);

describe('npm run stripe:webhook', () => {
  it('creates the endpoint once, with the exact events and the pinned version, and then changes nothing', async () => {
    const store = secretStore();
    expect(await syncWebhookEndpoint(api, store.want())).toEqual([
      expect.stringMatching(
        new RegExp(
          `^created we_\\w+ \\(API version ${STRIPE_API_VERSION}\\) for 14 events; STRIPE_WEBHOOK_SECRET stored$`,
        ),
      ),
    ]);
    expect(store.stored).toEqual([expect.stringMatching(/^whsec_/)]);
    const [endpoint, ...more] = await endpoints();
    expect(more).toEqual([]);
    expect(endpoint).toMatchObject({ url: URL, api_version: STRIPE_API_VERSION, status: 'enabled' });
    expect([...endpoint!.enabled_events].sort()).toEqual([...WEBHOOK_EVENTS]);
    // Stripe hands the secret out only at creation.
    expect('secret' in endpoint!).toBe(false);

    expect(await syncWebhookEndpoint(api, store.want())).toEqual([expect.stringMatching(/^up to date: we_/)]);
    expect(store.stored).toHaveLength(1);
  });

  it('puts back events changed in the dashboard and enables an endpoint Stripe disabled', async () => {
    const store = secretStore();
    await syncWebhookEndpoint(api, store.want());
    const [endpoint] = await endpoints();
    await api.update(endpoint!.id, { enabled_events: ['charge.refunded'], disabled: true });
    expect(await syncWebhookEndpoint(api, store.want())).toEqual([
      expect.stringMatching(/^updated we_\w+ .*: 14 events, enabled again$/),
    ]);
    expect(await endpoints()).toEqual([expect.objectContaining({ id: endpoint!.id, status: 'enabled' })]);
  });

  it('replaces an endpoint in another API version, and the shop then takes its signed events', async () => {
    const old = await api.create({ url: URL, enabled_events: ['*'], api_version: '2025-01-27.acacia' });
    const store = secretStore();
    store.stored.push(old.secret!);
    const changes = await syncWebhookEndpoint(api, store.want());
    expect(changes).toEqual([
      expect.stringMatching(/^created we_\w+ \(API version 2026-10-28\.endive\)/),
      `deleted ${old.id} (API version 2025-01-27.acacia)`,
    ]);
    const [current, ...more] = await endpoints();
    expect(more).toEqual([]);
    expect(current).toMatchObject({ api_version: STRIPE_API_VERSION });

    // The shop runs with the stored secret: a purchase's events reach it, signed with it, in the pinned version.
    const shop = { ...env, STRIPE_WEBHOOK_SECRET: store.stored.at(-1) } as unknown as Env;
    const email = 'endpoint-replaced@example.com';
    const session = await startCheckout(await signIn(email), 'starter');
    await stripeAct(session, 'pay');
    const [paid] = (await deliveries({ sessionId: session, type: 'checkout.session.completed' })) as (Delivery & {
      endpoint: string;
    })[];
    expect(paid).toMatchObject({ endpoint: current!.id });
    expect(JSON.parse(paid!.payload)).toMatchObject({ api_version: STRIPE_API_VERSION });
    expect((await postWebhook(paid!.payload, paid!.signature, shop)).status).toBe(200);
    expect(
      await env.DB.prepare('select status from orders where customer_id = ?')
        .bind(await customerIdOf(email))
        .first(),
    ).toEqual({ status: 'paid' });
  });

  it('makes a new endpoint when the shop no longer has the secret of the one there', async () => {
    await syncWebhookEndpoint(api, secretStore().want());
    const [lost] = await endpoints();
    const store = secretStore();
    const changes = await syncWebhookEndpoint(api, store.want());
    expect(changes).toEqual([
      expect.stringMatching(/^created we_/),
      expect.stringMatching(new RegExp(`^deleted ${lost!.id}`)),
    ]);
    expect(store.stored).toHaveLength(1);
  });
});
