// Webhook endpoints as Stripe's API manages them (docs.stripe.com/api/webhook_endpoints): create (with the events it
// wants, and an `api_version` that can only be set then), list, retrieve, update (url, events, description,
// metadata, disabled) and delete. Its signing `secret` is "only returned at creation". Once any endpoint exists, every
// event goes to each enabled endpoint that asked for its type ('*' for all), signed with that endpoint's secret and
// rendered in its API version; with none, to the shop of `npm run dev` (config.ts), as before.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import { onReset } from '../state.ts';
import { nowSeconds } from './clock.ts';
import { config } from './config.ts';
import { type FormParams, type FormValue, isUrl, metadata, ParamError, requiredStr, str } from './form.ts';
import { listPage, stripeId } from './objects.ts';

export interface SimWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: 'enabled' | 'disabled';
  url: string;
}

/** Where one event is delivered, and how it is signed and rendered. */
export interface DeliveryTarget {
  endpoint: string | null;
  url: string;
  secret: string;
  apiVersion: string;
}

const endpoints = new Map<string, SimWebhookEndpoint>();
const secrets = new Map<string, string>();
onReset(() => {
  endpoints.clear();
  secrets.clear();
});

let eventTypes: Set<string> | undefined;
/** The event types Stripe has, from stripe-node 23.1.0's spec-generated `Event.Type` union. */
function knownEventTypes(): Set<string> {
  if (!eventTypes) {
    const types = readFileSync(
      new URL('../../node_modules/stripe/esm/resources/Events.d.ts', import.meta.url),
      'utf8',
    ).match(/type Type = ([^;]+);/)?.[1];
    eventTypes = new Set([...(types ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string));
  }
  return eventTypes;
}

function readEvents(value: FormValue | undefined, required: boolean): string[] | null {
  if (value === undefined && !required) return null;
  if (!Array.isArray(value) || value.length === 0)
    throw new ParamError('enabled_events', 'Missing required param: enabled_events.');
  return value.map((type, i) => {
    if (typeof type !== 'string' || (type !== '*' && !knownEventTypes().has(type)))
      throw new ParamError(
        `enabled_events[${i}]`,
        `Invalid enabled_events[${i}]: ${String(type)} is not an event type`,
      );
    return type;
  });
}

function readUrl(params: FormParams, required: boolean): string | null {
  const url = required ? requiredStr(params, 'url') : str(params, 'url');
  if (url !== null && !isUrl(url)) throw new ParamError('url', 'Invalid URL: must be an http(s) URL');
  return url;
}

export function endpointOr404(id: string): SimWebhookEndpoint {
  const found = endpoints.get(id);
  if (!found) throw new ParamError('id', `No such webhook endpoint: '${id}'`, 'resource_missing');
  return found;
}

export function createEndpoint(params: FormParams): SimWebhookEndpoint & { secret: string } {
  const apiVersion = str(params, 'api_version');
  if (apiVersion !== null && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(apiVersion))
    throw new ParamError('api_version', `Invalid api_version: ${apiVersion}`);
  const endpoint: SimWebhookEndpoint = {
    id: stripeId('we'),
    object: 'webhook_endpoint',
    // Without one, the endpoint gets the account's default version.
    api_version: apiVersion,
    application: null,
    created: nowSeconds(),
    description: str(params, 'description'),
    enabled_events: readEvents(params.enabled_events, true) ?? [],
    livemode: false,
    metadata: metadata(params.metadata),
    status: 'enabled',
    url: readUrl(params, true) ?? '',
  };
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  endpoints.set(endpoint.id, endpoint);
  secrets.set(endpoint.id, secret);
  return { ...structuredClone(endpoint), secret };
}

export function updateEndpoint(endpoint: SimWebhookEndpoint, params: FormParams): SimWebhookEndpoint {
  endpoint.url = readUrl(params, false) ?? endpoint.url;
  endpoint.enabled_events = readEvents(params.enabled_events, false) ?? endpoint.enabled_events;
  if (params.description !== undefined) endpoint.description = str(params, 'description');
  if (params.metadata !== undefined) endpoint.metadata = { ...endpoint.metadata, ...metadata(params.metadata) };
  if (params.disabled !== undefined) endpoint.status = str(params, 'disabled') === 'true' ? 'disabled' : 'enabled';
  return structuredClone(endpoint);
}

export function deleteEndpoint(endpoint: SimWebhookEndpoint) {
  endpoints.delete(endpoint.id);
  secrets.delete(endpoint.id);
  return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
}

export const listEndpoints = (params: FormParams) =>
  listPage([...endpoints.values()].reverse(), params, '/v1/webhook_endpoints');

/** Stripe stops sending to an endpoint that keeps failing (the control `/_sim/stripe/webhook_endpoints/:id/disable`). */
export function disableEndpoint(endpoint: SimWebhookEndpoint): SimWebhookEndpoint {
  endpoint.status = 'disabled';
  return structuredClone(endpoint);
}

/** Where an event of `type` goes: each enabled endpoint that asked for it, or the dev shop when none is registered. */
export function deliveryTargets(type: string): DeliveryTarget[] {
  if (endpoints.size === 0)
    return [
      { endpoint: null, url: config().webhookUrl, secret: config().webhookSecret, apiVersion: STRIPE_API_VERSION },
    ];
  return [...endpoints.values()]
    .filter((e) => e.status === 'enabled' && (e.enabled_events.includes('*') || e.enabled_events.includes(type)))
    .map((e) => ({
      endpoint: e.id,
      url: e.url,
      secret: secrets.get(e.id) ?? '',
      apiVersion: e.api_version ?? STRIPE_API_VERSION,
    }));
}
