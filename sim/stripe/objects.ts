// The Stripe objects the simulator holds, in Stripe's own shapes: customers, checkout sessions, charges
// (one per payment intent), refunds and disputes. `POST /_sim/reset` forgets them.
import { randomBytes } from 'node:crypto';
import { onReset } from '../state.ts';
import { type FormParams, int, type Metadata, ParamError, str } from './form.ts';

export interface SimCustomer {
  id: string;
  object: 'customer';
  /** Set by a Checkout with `customer_update[address]=auto` (Stripe Tax reads it for later calculations). */
  address: { country: string; postal_code: string | null } | null;
  created: number;
  email: string | null;
  name: string | null;
  livemode: false;
  metadata: Metadata;
}

/** What Stripe answers for a customer deleted with `DELETE /v1/customers/:id` (docs.stripe.com/api/customers/delete). */
export interface SimDeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

export interface SimTotals {
  amount_discount: number;
  amount_shipping: number;
  amount_tax: number;
}

export interface SimSession {
  id: string;
  object: 'checkout.session';
  allow_promotion_codes: boolean | null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: boolean; status: 'complete' | null };
  billing_address_collection: 'auto' | 'required' | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_details: { email: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  /** The invoice made for a paid session with `invoice_creation[enabled]`. */
  invoice: string | null;
  invoice_creation: { enabled: boolean } | null;
  livemode: false;
  /** The language Checkout shows (`auto`: the browser's). */
  locale: string | null;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  tax_id_collection: { enabled: boolean } | null;
  total_details: SimTotals;
  url: string | null;
  /** Not in Stripe's shape: kept out of API answers (see publicSession). */
  _lineItems: { name: string; amount: number; quantity: number }[];
  _paymentIntentMetadata: Metadata;
  /** `payment_intent_data[setup_future_usage]`: paying saves the card to the customer. */
  _setupFutureUsage: 'off_session' | 'on_session' | null;
}

/** A saved card (the simulator's cards are all Visa 4242). */
export interface SimPaymentMethod {
  id: string;
  object: 'payment_method';
  card: { brand: 'visa'; last4: string; exp_month: number; exp_year: number };
  created: number;
  customer: string | null;
  livemode: false;
  type: 'card';
}

export interface SimPaymentError {
  type: 'card_error';
  /** `authentication_required`, `card_declined`, or for a bank debit `payment_intent_payment_attempt_failed`. */
  code: string;
  decline_code: string;
  message: string;
}

export interface SimPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  /** `hooks[inputs][tax][calculation]`: the Stripe Tax calculation that becomes a tax transaction on success. */
  hooks: { inputs: { tax: { calculation: string } } } | null;
  amount_received: number;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: SimPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  payment_method: string | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  status: 'succeeded' | 'requires_action' | 'requires_payment_method' | 'processing';
}

export interface SimCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  disputed: boolean;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded' | 'failed';
}

export interface SimRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  /** "If the refund failed, the reason for refund failure if known": lost_or_stolen_card, expired_or_canceled_card, … */
  failure_reason: string | null;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  /** pending, requires_action, succeeded, failed or canceled (docs.stripe.com/refunds#failed-refunds). */
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
}

export type SimDisputeStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost'
  | 'prevented'
  | 'appeal_needs_response'
  | 'appeal_under_review';

export interface SimDispute {
  id: string;
  object: 'dispute';
  amount: number;
  balance_transactions: [];
  charge: string;
  created: number;
  currency: string;
  evidence_details: { due_by: number; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: SimDisputeStatus;
}

export const customers = new Map<string, SimCustomer>();
/** Customers deleted through the API: retrievable as `{deleted: true}`, unknown to every other call. */
export const deletedCustomers = new Set<string>();
export const sessions = new Map<string, SimSession>();
export const charges = new Map<string, SimCharge>();
/** payment intent id → charge id */
export const chargeByIntent = new Map<string, string>();
export const refunds = new Map<string, SimRefund>();
export const disputes = new Map<string, SimDispute>();
export const paymentIntents = new Map<string, SimPaymentIntent>();
export const paymentMethods = new Map<string, SimPaymentMethod>();

onReset(() => {
  paymentIntents.clear();
  paymentMethods.clear();
  customers.clear();
  deletedCustomers.clear();
  sessions.clear();
  charges.clear();
  chargeByIntent.clear();
  refunds.clear();
  disputes.clear();
});

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id like Stripe's: `prefix_` and random alphanumerics. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return `${prefix}_${out}`;
}

/**
 * The customer a call names, or Stripe's 400 `resource_missing` ("No such customer: 'cus_…'"), also for one deleted
 * (docs.stripe.com/api/customers/delete: "It also immediately cancels any active subscriptions") or one of the other
 * mode: a test-mode id with a live key is unknown too.
 */
export function customerOr400(id: string, param = 'customer'): SimCustomer {
  const customer = customers.get(id);
  if (!customer) throw new ParamError(param, `No such customer: '${id}'`, 'resource_missing');
  return customer;
}

/**
 * Deletes a customer (DELETE /v1/customers/:id: "Permanently deletes a customer. It cannot be undone."): its saved
 * payment methods go with it, retrieving it answers `{id, object, deleted: true}`, any other call naming it is a 400
 * `resource_missing`.
 */
export function deleteCustomer(id: string) {
  customerOr400(id, 'id');
  customers.delete(id);
  deletedCustomers.add(id);
  for (const [pm, method] of paymentMethods) if (method.customer === id) paymentMethods.delete(pm);
  return { id, object: 'customer' as const, deleted: true as const };
}

/** A session as the API returns it (without the simulator's private fields). */
export function publicSession(
  session: SimSession,
): Omit<SimSession, '_lineItems' | '_paymentIntentMetadata' | '_setupFutureUsage'> {
  const { _lineItems, _paymentIntentMetadata, _setupFutureUsage, ...rest } = session;
  return structuredClone(rest);
}

/** Stripe refuses to refund a charge once an inquiry became a chargeback (the card network has the money). */
export function chargeRefundable(charge: SimCharge): boolean {
  return [...disputes.values()].every((d) => d.charge !== charge.id || d.is_charge_refundable);
}

/**
 * One page of a list, as Stripe pages every list (docs.stripe.com/api/pagination): `items` newest first, `limit` 1–100
 * (10 by default), after `starting_after` or before `ending_before`, and whether more follow.
 */
export function listPage<T extends { id: string }>(items: T[], params: FormParams, url: string) {
  const limit = params.limit === undefined ? 10 : int(params.limit, 'limit');
  if (limit < 1 || limit > 100) throw new ParamError('limit', 'Invalid limit: must be between 1 and 100.');
  const cursor = (name: string) => {
    const id = str(params, name);
    if (id === null) return null;
    const at = items.findIndex((item) => item.id === id);
    if (at < 0) throw new ParamError(name, `No such object: '${id}'`, 'resource_missing');
    return at;
  };
  const after = cursor('starting_after');
  const before = cursor('ending_before');
  const from = after === null ? (before === null ? 0 : Math.max(0, before - limit)) : after + 1;
  const to = before === null ? items.length : before;
  const data = items.slice(from, Math.min(to, from + limit));
  return { object: 'list' as const, data: structuredClone(data), has_more: from + limit < to, url };
}
