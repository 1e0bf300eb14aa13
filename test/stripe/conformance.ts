// The shop's Stripe client and webhook handlers against stripe-node 23.1.0's spec-generated types for the pinned API
// version, checked by the compiler (`npm run typecheck`, in CI); conformance.test.ts runs its counterpart in `npm test`:
// - every client method takes exactly the SDK's parameter type, so every request the shop builds (each call site is
//   type-checked against it) is one Stripe's spec allows, names, nesting and enum values alike;
// - every field a webhook handler reads exists on the object of each event type it handles, with a type that fits
//   what Stripe sends;
// - every parameter the simulator accepts is one the SDK names;
// - the API version is the one this file was verified against: bumping `Stripe-Version` (or the SDK) without coming
//   back here fails the type check.

import type Stripe from 'stripe';
import type {
  CUSTOMER_CREATE,
  PAYMENT_INTENT_CREATE,
  PAYMENT_INTENT_LIST,
  REFUND_CREATE,
  SESSION_CREATE,
  TAX_CALCULATION_CREATE,
  WEBHOOK_ENDPOINT_CREATE,
  WEBHOOK_ENDPOINT_LIST,
  WEBHOOK_ENDPOINT_UPDATE,
} from '../../sim/stripe/params.ts';
import type { disputeSchema } from '../../src/payments/disputes.ts';
import type { refundSchema } from '../../src/payments/refunds.ts';
import type { sessionSchema } from '../../src/payments/sessions.ts';
import type { intentSchema } from '../../src/refill/intents.ts';
import type { StripeClient } from '../../src/stripe/client.ts';
import type { WebhookEndpointsApi } from '../../src/stripe/endpoint.ts';
import type {
  DISPUTE_EVENTS,
  INTENT_EVENTS,
  REFUND_EVENTS,
  SESSION_EVENTS,
  WEBHOOK_EVENTS,
} from '../../src/stripe/events.ts';
import type { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import type { eventSchema } from '../../src/stripe/webhook.ts';
import type * as z from '../../src/zod.ts';

/** The version this file's checks were last verified against. Move it only after reading Stripe's changelog. */
export const VERIFIED_AGAINST = '2026-10-28.endive';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// ——— The pinned version ———
export type _Pinned = Expect<Equal<typeof STRIPE_API_VERSION, typeof VERIFIED_AGAINST>>;
export type _Sdk = Expect<Equal<Stripe.LatestApiVersion, typeof VERIFIED_AGAINST>>;

// ——— Requests: each method takes (and answers) exactly the SDK's types ———
type Param<F> = F extends (...args: infer A) => unknown ? A : never;
type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
export type _Requests = [
  Expect<Equal<Param<StripeClient['customers']['create']>[0], Stripe.CustomerCreateParams>>,
  Expect<Equal<Param<StripeClient['checkout']['sessions']['create']>[0], Stripe.Checkout.SessionCreateParams>>,
  Expect<
    Equal<Param<StripeClient['checkout']['sessions']['retrieve']>[1], Stripe.Checkout.SessionRetrieveParams | undefined>
  >,
  Expect<Equal<Param<StripeClient['refunds']['create']>[0], Stripe.RefundCreateParams>>,
  Expect<Equal<Param<StripeClient['paymentIntents']['create']>[0], Stripe.PaymentIntentCreateParams>>,
  Expect<Equal<Param<StripeClient['paymentIntents']['retrieve']>[1], Stripe.PaymentIntentRetrieveParams | undefined>>,
  Expect<Equal<Param<StripeClient['paymentIntents']['list']>[0], Stripe.PaymentIntentListParams>>,
  Expect<Equal<Param<StripeClient['tax']['calculations']['create']>[0], Stripe.Tax.CalculationCreateParams>>,
  Expect<Equal<Param<WebhookEndpointsApi['create']>[0], Stripe.WebhookEndpointCreateParams>>,
  Expect<Equal<Param<WebhookEndpointsApi['update']>[1], Stripe.WebhookEndpointUpdateParams>>,
  Expect<Equal<Param<WebhookEndpointsApi['list']>[0], Stripe.WebhookEndpointListParams>>,
  Expect<Equal<Answer<StripeClient['checkout']['sessions']['create']>, Stripe.Checkout.Session>>,
  Expect<Equal<Answer<StripeClient['paymentIntents']['create']>, Stripe.PaymentIntent>>,
  Expect<Equal<Answer<StripeClient['tax']['calculations']['create']>, Stripe.Tax.Calculation>>,
  Expect<Equal<Answer<StripeClient['refunds']['create']>, Stripe.Refund>>,
];

// ——— Webhooks: what each handler reads exists on the event's object, and Stripe's values fit it ———
type ObjectOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>['data']['object'];
/** Every field `Read` names is a field of `Sent` whose (non-null) value Stripe may send fits what is read. */
type Reads<Read, Sent> = {
  [K in keyof Read]-?: K extends keyof Sent ? (NonNullable<Sent[K]> extends NonNullable<Read[K]> ? true : K) : K;
}[keyof Read];
type ReadsAll<Read, Types extends Stripe.Event.Type> = Types extends unknown ? Reads<Read, ObjectOf<Types>> : never;
export type _Webhooks = [
  Expect<Equal<ReadsAll<z.infer<typeof sessionSchema>, (typeof SESSION_EVENTS)[number]>, true>>,
  Expect<Equal<ReadsAll<z.infer<typeof refundSchema>, (typeof REFUND_EVENTS)[number]>, true>>,
  Expect<Equal<ReadsAll<z.infer<typeof disputeSchema>, (typeof DISPUTE_EVENTS)[number]>, true>>,
  Expect<Equal<ReadsAll<z.infer<typeof intentSchema>, (typeof INTENT_EVENTS)[number]>, true>>,
  Expect<Equal<Reads<Omit<z.infer<typeof eventSchema>, 'data'>, Stripe.Event>, true>>,
  // The endpoint's event list is the SDK's kind of list.
  Expect<(typeof WEBHOOK_EVENTS)[number] extends Stripe.WebhookEndpointCreateParams.EnabledEvent ? true : false>,
];

// ——— The simulator accepts only parameters the SDK names ———
type Element<T> = T extends readonly (infer E)[] ? E : T;
/** The nested parameters a name stands for (`created` may be a number or a range: the range). */
type Nested<P> = Element<Extract<NonNullable<P>, object>>;
type Names<Shape, Params> = Shape extends ReadonlySet<string> | string | true
  ? true
  : Shape extends readonly [infer Item]
    ? Names<Item, Nested<Params>>
    : { [K in keyof Shape]: K extends keyof Nested<Params> ? Names<Shape[K], Nested<Params>[K]> : K }[keyof Shape];
export type _Simulator = [
  Expect<Equal<Names<typeof CUSTOMER_CREATE, Stripe.CustomerCreateParams>, true>>,
  Expect<Equal<Names<typeof SESSION_CREATE, Stripe.Checkout.SessionCreateParams>, true>>,
  Expect<Equal<Names<typeof PAYMENT_INTENT_CREATE, Stripe.PaymentIntentCreateParams>, true>>,
  Expect<Equal<Names<typeof PAYMENT_INTENT_LIST, Stripe.PaymentIntentListParams>, true>>,
  Expect<Equal<Names<typeof REFUND_CREATE, Stripe.RefundCreateParams>, true>>,
  Expect<Equal<Names<typeof TAX_CALCULATION_CREATE, Stripe.Tax.CalculationCreateParams>, true>>,
  Expect<Equal<Names<typeof WEBHOOK_ENDPOINT_CREATE, Stripe.WebhookEndpointCreateParams>, true>>,
  Expect<Equal<Names<typeof WEBHOOK_ENDPOINT_UPDATE, Stripe.WebhookEndpointUpdateParams>, true>>,
  Expect<Equal<Names<typeof WEBHOOK_ENDPOINT_LIST, Stripe.WebhookEndpointListParams>, true>>,
];
