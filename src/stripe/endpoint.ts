// The shop's webhook endpoint at Stripe, kept as the shop needs it (`npm run stripe:webhook`): at its URL, for exactly
// the events it handles, rendered in the API version the code reads. Stripe's API (docs.stripe.com/api/webhook_endpoints)
// sets an endpoint's `api_version` only when it is created and returns its signing `secret` only then, so an endpoint
// in another version (or one whose secret the shop no longer has) is replaced: a new one first, its secret stored,
// then the old one deleted, so no event goes undelivered meanwhile. Idempotent: a second run changes nothing.
// Not part of the Worker (only the command and its test import it).
import type Stripe from 'stripe';
import { type StripeTransportOptions, stripeTransport } from './transport.ts';

type EnabledEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;

export interface WebhookEndpointsApi {
  list(params: Stripe.WebhookEndpointListParams): Promise<Stripe.ApiList<Stripe.WebhookEndpoint>>;
  create(params: Stripe.WebhookEndpointCreateParams): Promise<Stripe.WebhookEndpoint>;
  update(id: string, params: Stripe.WebhookEndpointUpdateParams): Promise<Stripe.WebhookEndpoint>;
  del(id: string): Promise<Stripe.DeletedWebhookEndpoint>;
}

export function webhookEndpointsApi(options: StripeTransportOptions): WebhookEndpointsApi {
  const request = stripeTransport(options);
  const path = (id: string) => `webhook_endpoints/${encodeURIComponent(id)}`;
  return {
    list: (params) => request('GET', 'webhook_endpoints', params),
    create: (params) => request('POST', 'webhook_endpoints', params),
    update: (id, params) => request('POST', path(id), params),
    del: (id) => request('DELETE', path(id)),
  };
}

export interface WantedEndpoint {
  /** `PUBLIC_URL/api/stripe/webhook`. */
  url: string;
  events: readonly EnabledEvent[];
  apiVersion: Stripe.WebhookEndpointCreateParams.ApiVersion;
  /** Whether STRIPE_WEBHOOK_SECRET is set where the shop runs (its value cannot be read back). */
  secretStored: boolean;
  storeSecret(secret: string): Promise<void>;
}

async function allEndpoints(api: WebhookEndpointsApi): Promise<Stripe.WebhookEndpoint[]> {
  const found: Stripe.WebhookEndpoint[] = [];
  for (let startingAfter: string | undefined; ; ) {
    const page = await api.list({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    found.push(...page.data);
    if (!page.has_more || page.data.length === 0) return found;
    startingAfter = page.data.at(-1)?.id;
  }
}

const sameEvents = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((type, i) => type === [...b].sort()[i]);

const describe = (e: Pick<Stripe.WebhookEndpoint, 'id' | 'api_version'>) =>
  `${e.id} (API version ${e.api_version ?? "the account's default"})`;

/** Makes Stripe's endpoints at `want.url` one endpoint as wanted; answers what it changed, one line each. */
export async function syncWebhookEndpoint(api: WebhookEndpointsApi, want: WantedEndpoint): Promise<string[]> {
  const changes: string[] = [];
  const atUrl = (await allEndpoints(api)).filter((e) => e.url === want.url);
  let kept = want.secretStored ? atUrl.find((e) => e.api_version === want.apiVersion) : undefined;
  if (!kept) {
    const created = await api.create({
      url: want.url,
      enabled_events: [...want.events],
      api_version: want.apiVersion,
      description: 'The proxy shop (managed by npm run stripe:webhook)',
    });
    if (!created.secret) throw new Error(`Stripe created ${created.id} without its signing secret`);
    await want.storeSecret(created.secret);
    changes.push(`created ${describe(created)} for ${want.events.length} events; STRIPE_WEBHOOK_SECRET stored`);
    kept = created;
  } else if (!sameEvents(kept.enabled_events, want.events) || kept.status !== 'enabled') {
    await api.update(kept.id, { enabled_events: [...want.events], disabled: false });
    changes.push(
      `updated ${describe(kept)}: ${want.events.length} events${kept.status !== 'enabled' ? ', enabled again' : ''}`,
    );
  }
  for (const other of atUrl.filter((e) => e.id !== kept.id)) {
    await api.del(other.id);
    changes.push(`deleted ${describe(other)}`);
  }
  return changes.length ? changes : [`up to date: ${describe(kept)}, ${want.events.length} events`];
}
