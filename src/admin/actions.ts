// What an operator can do to a customer. Every action is audited (`admin:<email>`) in the same batch as the change
// it makes, and the key is then converged by the reconcile (src/fulfilment/), the single source of truth for it:
// suspending sets customers.suspended_at (the reconcile keeps the key disabled, whatever is bought later);
// a grant is a zero-price paid order (the reconcile turns it into cap and validity like any purchase).
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { orders } from '../../schema.ts';
import { auditStatement, recordAudit } from '../audit/index.ts';
import { AuthError, requestSignIn, type SignInRequestOutcome } from '../auth/index.ts';
import { suspendStatement, unsuspendStatement } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { type EndedGrace, endRetiringGrace, type ReconcileResult, reconcileCustomerKey } from '../fulfilment/index.ts';
import {
  forgetLiveKey,
  getSync,
  keysOf,
  markOwedStatement as markKeyOwedStatement,
  rotateKeySecret,
} from '../keys/index.ts';
import { entitlementOf, insertGrantStatement, listEntitledOrders, stillHasGb } from '../orders/index.ts';
import { applyRetrievedSession, followUp } from '../payments/index.ts';
import type { Services } from '../services/index.ts';
import type { AdminActionAnswer } from '../shared/admin.ts';
import { findCustomer } from './customers.ts';
import { AdminError } from './errors.ts';
import { type Operator, operatorActor } from './operator.ts';

/** Grants extend validity by this much when the customer has no valid key to ride on. */
export const DEFAULT_GRANT_VALIDITY_DAYS = 30;

type Statement = Parameters<Db['batch']>[0][number];

function audit(
  db: Db,
  operator: Operator,
  action: string,
  customerId: string,
  at: number,
  detail: Record<string, unknown> = {},
) {
  return auditStatement(db, {
    actor: operatorActor(operator),
    action: `admin.${action}`,
    customerId,
    detail,
    requestId: operator.requestId,
    at,
  });
}

function describeReconcile(result: ReconcileResult): string {
  switch (result.state) {
    case 'synced':
      return 'The proxy key now matches.';
    case 'nothing':
      return 'The customer has nothing paid for, so there is no key to change.';
    case 'busy':
      return 'Another update of this key is running; it picks this change up.';
    case 'pending':
      return 'The key is still being updated; the shop finishes it within minutes.';
    case 'failed':
      return `The platform did not take the change (${result.error}); the shop retries on its own.`;
  }
}

/**
 * Runs the reconcile (never throws: a failure is recorded for the cron) and says what happened. The dashboard's
 * short-lived copy of the platform's view of the key is dropped, so the customer sees the change on their next load.
 */
async function reconcileAndReport(
  services: Services,
  customerId: string,
  done: string,
  action: AdminActionAnswer['action'],
): Promise<AdminActionAnswer> {
  let result: ReconcileResult;
  try {
    result = await reconcileCustomerKey(services, customerId);
  } catch (err) {
    services.log.error('admin: reconcile threw', { customerId, err });
    result = { state: 'failed', error: 'unexpected error' };
  }
  for (const key of await keysOf(services.db, customerId))
    if (key.upstreamId) await forgetLiveKey(services, key.upstreamId);
  return { action, message: `${done} ${describeReconcile(result)}`, reconcile: result.state };
}

async function run(db: Db, statements: Statement[]): Promise<void> {
  await db.batch(statements as [Statement, ...Statement[]]);
}

/** Suspends the customer: their key is switched off and stays off through any reconcile or purchase. */
export async function suspendCustomer(
  services: Services,
  operator: Operator,
  customerId: string,
  reason: string | null,
): Promise<AdminActionAnswer> {
  const { db } = services;
  const now = services.clock.now();
  const customer = await findCustomer(db, customerId);
  if (customer.suspendedAt) throw new AdminError('already', 'This customer is already suspended.');
  const key = await getSync(db, customerId);
  await run(db, [
    suspendStatement(db, customerId, reason, now),
    ...(key ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(db, operator, 'suspend', customerId, now, { reason }),
  ]);
  services.log.info('admin: customer suspended', { customerId, operator: operator.email });
  if (!key)
    return { action: 'suspend', message: 'Suspended. They have no proxy key yet, and cannot buy one while suspended.' };
  return reconcileAndReport(services, customerId, 'Suspended.', 'suspend');
}

/** Lifts a suspension: the key comes back as far as what they paid for allows. */
export async function unsuspendCustomer(
  services: Services,
  operator: Operator,
  customerId: string,
): Promise<AdminActionAnswer> {
  const { db } = services;
  const now = services.clock.now();
  const customer = await findCustomer(db, customerId);
  if (!customer.suspendedAt) throw new AdminError('already', 'This customer is not suspended.');
  const key = await getSync(db, customerId);
  await run(db, [
    unsuspendStatement(db, customerId),
    ...(key ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(db, operator, 'unsuspend', customerId, now, {
      suspendedAt: customer.suspendedAt,
      reason: customer.suspendedReason,
    }),
  ]);
  services.log.info('admin: customer unsuspended', { customerId, operator: operator.email });
  if (!key) return { action: 'unsuspend', message: 'Suspension lifted.' };
  return reconcileAndReport(services, customerId, 'Suspension lifted.', 'unsuspend');
}

export interface GrantInput {
  gb: number;
  /** Days added to the validity; default 0 while the key is valid, else DEFAULT_GRANT_VALIDITY_DAYS. */
  validityDays?: number;
  note?: string | null;
}

/** Free GB, as a zero-price paid order: the reconcile raises the cap (and mints a key if there is none). */
export async function grantGb(
  services: Services,
  operator: Operator,
  customerId: string,
  input: GrantInput,
): Promise<AdminActionAnswer> {
  const { db } = services;
  const now = services.clock.now();
  await findCustomer(db, customerId);
  const [entitlement, held] = await Promise.all([
    listEntitledOrders(db, customerId).then(entitlementOf),
    stillHasGb(db, customerId, now),
  ]);
  const ceiling = services.config.keys.capCeilingGb;
  if (held + input.gb > ceiling)
    throw new AdminError(
      'cap_ceiling',
      `A customer can hold at most ${ceiling} GB at a time. This customer still has ${held} GB (or is paying for it), so at most ${Math.max(0, ceiling - held)} GB can be granted now.`,
    );
  const stillValid = entitlement.capGb > 0 && (entitlement.expiresAt === null || entitlement.expiresAt > now);
  const validityDays = input.validityDays ?? (stillValid ? 0 : DEFAULT_GRANT_VALIDITY_DAYS);
  await run(db, [
    insertGrantStatement(db, { customerId, gb: input.gb, validityDays, currency: services.config.currency }, now),
    markKeyOwedStatement(db, customerId, now),
    audit(db, operator, 'grant', customerId, now, { gb: input.gb, validityDays, note: input.note ?? null }),
  ]);
  services.log.info('admin: GB granted', { customerId, gb: input.gb, validityDays, operator: operator.email });
  return reconcileAndReport(
    services,
    customerId,
    `Granted ${input.gb} GB${validityDays ? ` and ${validityDays} more days` : ''}.`,
    'grant',
  );
}

/** Ends the grace of the customer's rollover (the previous key stops working), audited as the operator's `action`. */
function endGraceAs(services: Services, operator: Operator, customerId: string, by: 'end_grace' | 'rotate_key') {
  return endRetiringGrace(services, customerId, (generations, at) => [
    audit(services.db, operator, 'end_grace', customerId, at, { generations, by }),
  ]);
}

/** What the operator is told about a previous key whose grace was ended. */
function describeEndedGrace(ended: EndedGrace): string {
  const masks = ended.generations.map((g) => g.secretMask ?? `generation ${g.generation}`).join(', ');
  return ended.switchedOff
    ? `The previous key (${masks}) is switched off now; once its usage has settled (about a minute) its unused GB move to the current key.`
    : `The previous key (${masks}) no longer has a grace period; the platform did not take the switch-off yet, so the shop finishes it within minutes, then moves its unused GB to the current key.`;
}

/**
 * Ends a rollover's grace early: the customer's previous key stops working now instead of at the end of its grace,
 * and its unused GB move to the current key as they would have then (the same retirement, src/fulfilment/).
 */
export async function endCustomerGrace(
  services: Services,
  operator: Operator,
  customerId: string,
): Promise<AdminActionAnswer> {
  await findCustomer(services.db, customerId);
  const ended = await endGraceAs(services, operator, customerId, 'end_grace');
  if (ended.generations.length === 0)
    throw new AdminError(
      'no_grace',
      'This customer has no previous key in a grace period, so there is nothing to end.',
    );
  services.log.info('admin: rollover grace ended', { customerId, operator: operator.email });
  return { action: 'end_grace', message: `Grace ended. ${describeEndedGrace(ended)}` };
}

/**
 * A new secret for the customer's current key (the dashboard's own rotation, audited as the operator): the old
 * secret dies at once and the key's open sessions are closed, and a rollover's previous key stops working too (its
 * grace ends now). The operator never sees the new secret. `clientKey` (the console's Idempotency-Key for one
 * confirmation) makes a retried request replay instead of rotating twice.
 */
export async function rotateCustomerKey(
  services: Services,
  operator: Operator,
  customerId: string,
  clientKey?: string,
): Promise<AdminActionAnswer> {
  const { db, log } = services;
  await findCustomer(db, customerId);
  const current = (await keysOf(db, customerId)).find((k) => k.state === 'current');
  if (!current?.upstreamId)
    throw new AdminError(
      'no_key',
      'This customer has no proxy key on the platform yet, so there is nothing to rotate.',
    );
  const rotated = await rotateKeySecret(services, customerId, clientKey);
  const ended = await endGraceAs(services, operator, customerId, 'rotate_key');
  await recordAudit(db, {
    actor: operatorActor(operator),
    action: 'key.rotate',
    customerId,
    detail: {
      upstreamId: rotated.upstreamId,
      previousMask: rotated.previousMask,
      secretMask: rotated.secretMask,
      sessionsClosed: rotated.sessionsClosed,
    },
    requestId: operator.requestId,
    at: services.clock.now(),
  });
  log.info('admin: key rotated', { customerId, operator: operator.email });
  return {
    action: 'rotate_key',
    message: `Key rotated: the old secret stopped working at once, the new one is ${rotated.secretMask}${rotated.sessionsClosed ? ' and its open sessions were closed' : ' (its open sessions could not be closed)'}. The customer sees it on their dashboard.${ended.generations.length ? ` ${describeEndedGrace(ended)}` : ''}`,
  };
}

/**
 * Emails the customer a fresh sign-in link. Neither the operator's own network nor the shop-wide hourly cap holds it;
 * the console is its own requester, with the address's daily share of links (LOGIN_LINKS_PER_DAY).
 */
export async function resendSignIn(
  services: Services,
  operator: Operator,
  customerId: string,
): Promise<AdminActionAnswer> {
  const { db } = services;
  const customer = await findCustomer(db, customerId);
  let outcome: SignInRequestOutcome;
  try {
    outcome = await requestSignIn(services, {
      email: customer.email,
      next: null,
      ip: null,
      byOperator: true,
      locale: null,
    });
  } catch (err) {
    if (err instanceof AuthError && err.code === 'mail_unavailable')
      throw new AdminError(
        'mail_unavailable',
        'Email is not configured correctly, so no link could be sent. See the Worker logs.',
      );
    throw err;
  }
  await recordAudit(db, {
    actor: operatorActor(operator),
    action: 'admin.resend_sign_in',
    customerId,
    detail: { outcome: outcome.sent ? 'queued' : 'suppressed' },
    requestId: operator.requestId,
    at: services.clock.now(),
  });
  if (!outcome.sent)
    throw new AdminError(
      'not_sent',
      `Not sent: the console has sent this address ${services.config.limits.loginLinksPerDay} sign-in links in the last 24 hours (LOGIN_LINKS_PER_DAY). Its latest link still works.`,
    );
  return { action: 'resend_sign_in', message: `A sign-in link is on its way to ${customer.email}.` };
}

/**
 * Re-runs fulfilment now: asks Stripe about the customer's recent pending checkouts (a lost webhook), then
 * reconciles the key, skipping any backoff left from earlier failures.
 */
export async function rerunFulfilment(
  services: Services,
  operator: Operator,
  customerId: string,
): Promise<AdminActionAnswer> {
  const { db, log } = services;
  const now = services.clock.now();
  await findCustomer(db, customerId);
  const pending = await db
    .select({ id: orders.id, sessionId: orders.stripeSessionId })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.status, 'pending'), isNotNull(orders.stripeSessionId)))
    .orderBy(desc(orders.createdAt))
    .limit(5);
  let recovered = 0;
  for (const { id: orderId, sessionId } of pending) {
    if (!sessionId) continue;
    try {
      const outcome = await applyRetrievedSession(db, await services.stripe.checkout.sessions.retrieve(sessionId), now);
      if (outcome.paidOrderId) {
        recovered++;
        await followUp(services, { paidOrderId: outcome.paidOrderId });
      }
    } catch (err) {
      log.warn('admin: checkout session lookup failed', { customerId, orderId, err });
    }
  }
  const key = await getSync(db, customerId);
  const owed = key !== undefined || entitlementOf(await listEntitledOrders(db, customerId)).capGb > 0;
  await run(db, [
    ...(owed ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(db, operator, 'refulfil', customerId, now, { checkedCheckouts: pending.length, recovered }),
  ]);
  const found = pending.length
    ? ` Checked ${pending.length} open checkout${pending.length > 1 ? 's' : ''} with Stripe: ${recovered} paid.`
    : '';
  if (!owed)
    return { action: 'refulfil', message: `Nothing to fulfil: no paid purchases.${found}`, reconcile: 'nothing' };
  return reconcileAndReport(services, customerId, `Fulfilment re-run.${found}`, 'refulfil');
}
