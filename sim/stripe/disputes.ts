// Disputes as a card network raises them against a paid charge (docs.stripe.com/disputes/how-disputes-work): an
// inquiry (warning_…) or a chargeback, moved to review and decided, each change emitting Stripe's charge.dispute.*
// events with the dispute object. A lost decision is not always the end: an eligible merchant can appeal it
// (`appeal_needs_response` → `appeal_under_review` → won or lost, docs.stripe.com/disputes/arbitration and the
// 2026-10-28.endive changelog), and a cardholder who withdraws a lost dispute gives the money back
// (`charge.dispute.funds_reinstated`, docs.stripe.com/disputes/withdrawing). A dispute Stripe's prevention resolved
// with a refund before it became a chargeback is `prevented`.
import { nowSeconds } from './clock.ts';
import { emit, type SimEvent } from './delivery.ts';
import { SimStateError } from './lifecycle.ts';
import { disputes, type SimCharge, type SimDispute, stripeId } from './objects.ts';
import { refund } from './refunds.ts';

const DAY_S = 86_400;

export function disputeOr404(id: string): SimDispute {
  const dispute = disputes.get(id);
  if (!dispute) throw new SimStateError(`No such dispute: '${id}'`);
  return dispute;
}

const isInquiry = (d: SimDispute) => d.status.startsWith('warning_');

const CLOSED = ['won', 'lost', 'warning_closed', 'prevented'];

function requireOpen(dispute: SimDispute): void {
  if (CLOSED.includes(dispute.status))
    throw new SimStateError(`Dispute ${dispute.id} is already closed (${dispute.status}).`);
}

export interface DisputeInput {
  /** Minor units; the whole charge when absent. */
  amount: number | null;
  reason: string | null;
  /** An inquiry (the issuer asks first, no money moves yet) instead of a chargeback. */
  inquiry: boolean;
  /** Stripe's prevention resolves it at once with a refund of the disputed amount. */
  prevented?: boolean;
}

/** The cardholder disputes a paid charge: `charge.dispute.created` (and `funds_withdrawn` for a chargeback). */
export function openDispute(charge: SimCharge, input: DisputeInput): { dispute: SimDispute; events: SimEvent[] } {
  if (!charge.paid) throw new SimStateError(`Charge ${charge.id} was not paid.`);
  if (charge.disputed) throw new SimStateError(`Charge ${charge.id} is already disputed.`);
  const amount = input.amount ?? charge.amount;
  if (!Number.isInteger(amount) || amount <= 0 || amount > charge.amount)
    throw new SimStateError(`Dispute amount (${amount}) must be from 1 to the charge's amount (${charge.amount}).`);
  const created = nowSeconds();
  const dispute: SimDispute = {
    id: stripeId('du'),
    object: 'dispute',
    amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    evidence_details: { due_by: created + 7 * DAY_S, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: input.inquiry,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: input.reason ?? 'fraudulent',
    status: input.inquiry ? 'warning_needs_response' : 'needs_response',
  };
  // Prevention refunds the charge before the dispute is recorded against it (a chargeback would forbid the refund).
  const refunded = input.prevented ? refund(charge, amount, 'fraudulent') : null;
  disputes.set(dispute.id, dispute);
  charge.disputed = true;
  if (refunded) {
    dispute.status = 'prevented';
    return { dispute, events: [...refunded.events, emit('charge.dispute.created', dispute)] };
  }
  const events = [emit('charge.dispute.created', dispute)];
  if (!input.inquiry) events.push(emit('charge.dispute.funds_withdrawn', dispute));
  return { dispute, events };
}

/** The merchant submitted evidence (for the appeal, in an appeal): under review. */
export function reviewDispute(dispute: SimDispute): SimEvent[] {
  requireOpen(dispute);
  dispute.status = isInquiry(dispute)
    ? 'warning_under_review'
    : dispute.status.startsWith('appeal_')
      ? 'appeal_under_review'
      : 'under_review';
  dispute.evidence_details = { ...dispute.evidence_details, has_evidence: true, submission_count: 1 };
  return [emit('charge.dispute.updated', dispute)];
}

/**
 * The issuer decided. A chargeback is won (the funds come back: `funds_reinstated`) or lost; an inquiry can only
 * close in the merchant's favour (`warning_closed`): one the merchant loses becomes a chargeback instead.
 */
export function closeDispute(dispute: SimDispute, outcome: 'won' | 'lost'): SimEvent[] {
  requireOpen(dispute);
  if (isInquiry(dispute)) {
    if (outcome === 'lost') throw new SimStateError(`Dispute ${dispute.id} is an inquiry; it is not won or lost.`);
    dispute.status = 'warning_closed';
    return [emit('charge.dispute.closed', dispute)];
  }
  dispute.status = outcome;
  const events = [emit('charge.dispute.closed', dispute)];
  if (outcome === 'won') events.push(emit('charge.dispute.funds_reinstated', dispute));
  return events;
}

/** The merchant appeals a lost chargeback: it is open again, waiting for the appeal's evidence. */
export function appealDispute(dispute: SimDispute): SimEvent[] {
  if (dispute.status !== 'lost') throw new SimStateError(`Dispute ${dispute.id} is ${dispute.status}, not lost.`);
  dispute.status = 'appeal_needs_response';
  return [emit('charge.dispute.updated', dispute)];
}

/** The cardholder withdrew a chargeback already lost: the money comes back, the status stays. */
export function withdrawDispute(dispute: SimDispute): SimEvent[] {
  if (dispute.status !== 'lost') throw new SimStateError(`Dispute ${dispute.id} is ${dispute.status}, not lost.`);
  return [emit('charge.dispute.funds_reinstated', dispute)];
}
