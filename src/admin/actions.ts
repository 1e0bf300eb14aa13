// What an operator can do to a customer. Every action is audited (`admin:<email>`) in the same batch as the change
// it makes, and the key is then converged by the billing reconcile, the single source of truth for it:
// suspending sets customers.suspended_at (the reconcile keeps the key disabled, whatever is bought later);
// a grant is a zero-price paid order (the reconcile turns it into cap and validity like any purchase).
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { customers, orders } from '../../schema.ts';
import { auditStatement, recordAudit } from '../audit/index.ts';
import { requestSignIn } from '../auth/index.ts';
import {
  applyRetrievedSession,
  entitlementOf,
  fulfil,
  getKeyRow,
  insertGrantStatement,
  listEntitledOrders,
  markKeyOwedStatement,
  type ReconcileResult,
  reconcileCustomer,
  stripeClient,
} from '../billing/index.ts';
import { type Config, UPSTREAM_CAP_CEILING_GB } from '../config/index.ts';
import { forgetLiveKey, rotateSecret } from '../dashboard/index.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { mailTransportProblem } from '../mail/index.ts';
import { createPoolClient } from '../pool/index.ts';
import type { AdminActionAnswer } from '../shared/admin.ts';
import { findCustomer } from './customers.ts';
import { AdminError } from './errors.ts';

export interface ActionDeps {
  env: Env;
  config: Config;
  db: Db;
  log: Logger;
  /** The signed-in operator. */
  operator: { email: string };
  requestId?: string;
  /** `CF-Connecting-IP` of the operator (the sign-in limiter's per-client bucket). */
  ip?: string | null;
  now?: () => number;
}

/** Grants extend validity by this much when the customer has no valid key to ride on. */
export const DEFAULT_GRANT_VALIDITY_DAYS = 30;

type Statement = Parameters<Db['batch']>[0][number];

const actorOf = (deps: ActionDeps) => `admin:${deps.operator.email}`;

function audit(deps: ActionDeps, action: string, customerId: string, detail: Record<string, unknown> = {}) {
  return auditStatement(deps.db, {
    actor: actorOf(deps),
    action: `admin.${action}`,
    customerId,
    detail,
    requestId: deps.requestId,
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
async function converge(
  deps: ActionDeps,
  customerId: string,
  done: string,
  action: AdminActionAnswer['action'],
): Promise<AdminActionAnswer> {
  let result: ReconcileResult;
  try {
    result = await reconcileCustomer(deps.env, deps.config, deps.log, customerId);
  } catch (err) {
    deps.log.error('admin: reconcile threw', { customerId, err });
    result = { state: 'failed', error: 'unexpected error' };
  }
  const upstreamId = (await getKeyRow(deps.db, customerId))?.upstreamId;
  if (upstreamId) forgetLiveKey(upstreamId);
  return { action, message: `${done} ${describeReconcile(result)}`, reconcile: result.state };
}

async function run(deps: ActionDeps, statements: Statement[]): Promise<void> {
  await deps.db.batch(statements as [Statement, ...Statement[]]);
}

/** Suspends the customer: their key is switched off and stays off through any reconcile or purchase. */
export async function suspendCustomer(
  deps: ActionDeps,
  customerId: string,
  reason: string | null,
): Promise<AdminActionAnswer> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const customer = await findCustomer(db, customerId);
  if (customer.suspendedAt) throw new AdminError('already', 'This customer is already suspended.');
  const key = await getKeyRow(db, customerId);
  await run(deps, [
    db
      .update(customers)
      .set({ suspendedAt: now, suspendedReason: reason })
      .where(and(eq(customers.id, customerId), isNull(customers.suspendedAt))),
    ...(key ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(deps, 'suspend', customerId, { reason }),
  ]);
  deps.log.info('admin: customer suspended', { customerId, operator: deps.operator.email });
  if (!key)
    return { action: 'suspend', message: 'Suspended. They have no proxy key yet, and cannot buy one while suspended.' };
  return converge(deps, customerId, 'Suspended.', 'suspend');
}

/** Lifts a suspension: the key comes back as far as what they paid for allows. */
export async function unsuspendCustomer(deps: ActionDeps, customerId: string): Promise<AdminActionAnswer> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const customer = await findCustomer(db, customerId);
  if (!customer.suspendedAt) throw new AdminError('already', 'This customer is not suspended.');
  const key = await getKeyRow(db, customerId);
  await run(deps, [
    db
      .update(customers)
      .set({ suspendedAt: null, suspendedReason: null })
      .where(and(eq(customers.id, customerId), isNotNull(customers.suspendedAt))),
    ...(key ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(deps, 'unsuspend', customerId, { suspendedAt: customer.suspendedAt, reason: customer.suspendedReason }),
  ]);
  deps.log.info('admin: customer unsuspended', { customerId, operator: deps.operator.email });
  if (!key) return { action: 'unsuspend', message: 'Suspension lifted.' };
  return converge(deps, customerId, 'Suspension lifted.', 'unsuspend');
}

export interface GrantInput {
  gb: number;
  /** Days added to the validity; default 0 while the key is valid, else DEFAULT_GRANT_VALIDITY_DAYS. */
  validityDays?: number;
  note?: string | null;
}

/** Free GB, as a zero-price paid order: the reconcile raises the cap (and mints a key if there is none). */
export async function grantGb(deps: ActionDeps, customerId: string, input: GrantInput): Promise<AdminActionAnswer> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  await findCustomer(db, customerId);
  const entitlement = entitlementOf(await listEntitledOrders(db, customerId));
  if (entitlement.capGb + input.gb > UPSTREAM_CAP_CEILING_GB)
    throw new AdminError(
      'cap_ceiling',
      `A proxy key can hold at most ${UPSTREAM_CAP_CEILING_GB} GB. This customer has ${entitlement.capGb} GB, so at most ${Math.max(0, UPSTREAM_CAP_CEILING_GB - entitlement.capGb)} GB can be granted.`,
    );
  const stillValid = entitlement.capGb > 0 && (entitlement.expiresAt === null || entitlement.expiresAt > now);
  const validityDays = input.validityDays ?? (stillValid ? 0 : DEFAULT_GRANT_VALIDITY_DAYS);
  await run(deps, [
    insertGrantStatement(db, { customerId, gb: input.gb, validityDays, currency: deps.config.currency }, now),
    markKeyOwedStatement(db, customerId, now),
    audit(deps, 'grant', customerId, { gb: input.gb, validityDays, note: input.note ?? null }),
  ]);
  deps.log.info('admin: GB granted', { customerId, gb: input.gb, validityDays, operator: deps.operator.email });
  return converge(
    deps,
    customerId,
    `Granted ${input.gb} GB${validityDays ? ` and ${validityDays} more days` : ''}.`,
    'grant',
  );
}

/**
 * A new secret for the customer's key (the dashboard's own rotation, audited as the operator): the old secret
 * dies at once and the key's open sessions are closed. The operator never sees the new secret.
 */
export async function rotateCustomerKey(deps: ActionDeps, customerId: string): Promise<AdminActionAnswer> {
  const { db, config, log } = deps;
  await findCustomer(db, customerId);
  const key = await getKeyRow(db, customerId);
  if (!key?.upstreamId)
    throw new AdminError(
      'no_key',
      'This customer has no proxy key on the platform yet, so there is nothing to rotate.',
    );
  const rotated = await rotateSecret(
    {
      db,
      pool: createPoolClient({ config: config.upstream, log, timeoutMs: 8_000 }),
      encryptionKey: config.encryptionKey,
      log,
    },
    { customerId, requestId: deps.requestId, by: actorOf(deps) },
  );
  log.info('admin: key rotated', { customerId, operator: deps.operator.email });
  return {
    action: 'rotate_key',
    message: `Key rotated: the old secret stopped working at once, the new one is ${rotated.secretMask}${rotated.sessionsClosed ? ' and its open sessions were closed' : ' (its open sessions could not be closed)'}. The customer sees it on their dashboard.`,
  };
}

/** Emails the customer a fresh sign-in link, under the same limits as the customer asking for one. */
export async function resendSignIn(deps: ActionDeps, customerId: string): Promise<AdminActionAnswer> {
  const { db, config, env } = deps;
  const customer = await findCustomer(db, customerId);
  const problem = mailTransportProblem(config, env);
  if (problem) {
    deps.log.error('admin: sign-in link not sent: no usable mail transport', { problem });
    throw new AdminError(
      'mail_unavailable',
      'Email is not configured correctly, so no link could be sent. See the Worker logs.',
    );
  }
  const outcome = await requestSignIn(
    { db, limiter: env.LOGIN_LIMITER, queue: env.MAIL_QUEUE, publicUrl: config.publicUrl },
    { email: customer.email, next: null, ip: deps.ip ?? null },
  );
  await recordAudit(db, {
    actor: actorOf(deps),
    action: 'admin.resend_sign_in',
    customerId,
    detail: { outcome },
    requestId: deps.requestId,
  });
  if (outcome === 'suppressed')
    throw new AdminError(
      'not_sent',
      'Not sent: this address has had too many sign-in emails lately (5 a minute, 10 a day). Its latest link still works.',
    );
  return { action: 'resend_sign_in', message: `A sign-in link is on its way to ${customer.email}.` };
}

/**
 * Re-runs fulfilment now: asks Stripe about the customer's recent pending checkouts (a lost webhook), then
 * reconciles the key, skipping any backoff left from earlier failures.
 */
export async function rerunFulfilment(deps: ActionDeps, customerId: string): Promise<AdminActionAnswer> {
  const { db, config, env, log } = deps;
  const now = deps.now?.() ?? Date.now();
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
      const outcome = await applyRetrievedSession(
        db,
        await stripeClient(config).checkout.sessions.retrieve(sessionId),
        now,
      );
      if (outcome.paidOrderId) {
        recovered++;
        await fulfil(env, config, log, { paidOrderId: outcome.paidOrderId });
      }
    } catch (err) {
      log.warn('admin: checkout session lookup failed', { customerId, orderId, err });
    }
  }
  const key = await getKeyRow(db, customerId);
  const owed = key !== undefined || entitlementOf(await listEntitledOrders(db, customerId)).capGb > 0;
  await run(deps, [
    ...(owed ? [markKeyOwedStatement(db, customerId, now)] : []),
    audit(deps, 'refulfil', customerId, { checkedCheckouts: pending.length, recovered }),
  ]);
  const found = pending.length
    ? ` Checked ${pending.length} open checkout${pending.length > 1 ? 's' : ''} with Stripe: ${recovered} paid.`
    : '';
  if (!owed)
    return { action: 'refulfil', message: `Nothing to fulfil: no paid purchases.${found}`, reconcile: 'nothing' };
  return converge(deps, customerId, `Fulfilment re-run.${found}`, 'refulfil');
}
