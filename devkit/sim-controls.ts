// What the simulators' test controls (`/_sim/*`, see the README's "Simulators") answer: one shape, served by the
// simulators in sim/ and read by the tests, the browser tests and the benchmarks. Types only.

/** `GET /_sim/calls`: a call the Proxies.sx simulator received. */
export interface SimCall {
  method: string;
  path: string;
  at: string;
}

/** `GET /_sim/outbox`: a mail the mail provider's simulator accepted. */
export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Headers the shop sent with it (List-Unsubscribe …), as Resend's API takes them. */
  headers: Record<string, string>;
  sentAt: string;
}

/** `GET /_sim/stripe/deliveries`: a webhook delivery of one Stripe event, signed as Stripe signs it. */
export interface StripeDelivery {
  id: string;
  eventId: string;
  type: string;
  /** The webhook endpoint (`we_…`) it goes to, or null for the dev shop's default one. */
  endpoint: string | null;
  url: string;
  /** The exact bytes Stripe would POST. */
  payload: string;
  /** The Stripe-Signature header for `payload`. */
  signature: string;
  createdAt: string;
  state: 'recorded' | 'held' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
}

/** `GET /_sim/stripe/requests`: a request the Stripe simulator received from the shop's client. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** The raw body (POST) or query string (GET), as sent. */
  encoded: string;
  /** What it decodes to, or the decoding error. */
  params: unknown;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  status: number;
}
