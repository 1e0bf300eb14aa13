// Customers as the operator sees them: a searchable, paged list and one customer's full record (purchases, the
// key as the shop set it and as the platform reports it, the audit trail).
import { and, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { type Customer, customers, type Order, orders, type PoolKeyRow, poolKeys, sessions } from '../../schema.ts';
import { listAudit } from '../audit/index.ts';
import { type Dispute, listDisputes, purchaseView } from '../billing/index.ts';
import type { Db } from '../db/index.ts';
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type {
  AdminKeyState,
  AdminOrder,
  CustomerDetail,
  CustomerRow,
  CustomerStatus,
  DisputeView,
  MoneyByCurrency,
} from '../shared/admin.ts';
import { mbToGb } from '../shared/format.ts';
import { isoToMs } from '../time.ts';
import { auditView } from './audit.ts';
import { AdminError } from './errors.ts';

/** What the platform says about a key, as far as the console needs it. */
export type LiveKey = Pick<
  PoolAccessKey,
  'enabled' | 'trafficCapGB' | 'trafficUsedMB' | 'expiresAt' | 'isExpired' | 'lastUsedAt'
>;

type KeyBits = Pick<PoolKeyRow, 'upstreamId' | 'syncState' | 'enabled' | 'expiresAt'>;

/** One word for where a customer stands; the platform's live view wins over the shop's record when there is one. */
export function customerStatus(
  customer: Pick<Customer, 'suspendedAt'>,
  key: KeyBits | null | undefined,
  live: LiveKey | null | undefined,
  now: number,
): CustomerStatus {
  if (customer.suspendedAt) return 'suspended';
  if (!key || (!key.upstreamId && key.syncState === 'synced')) return 'no_key';
  if (!key.upstreamId) return key.syncState === 'failed' ? 'retrying' : 'provisioning';
  if (key.syncState === 'failed') return 'retrying';
  if (key.syncState === 'pending') return 'updating';
  const expiresAt = live ? isoToMs(live.expiresAt) : key.expiresAt;
  if (live?.isExpired === true || (expiresAt !== null && expiresAt <= now)) return 'expired';
  return (live ? live.enabled : key.enabled !== false) ? 'active' : 'disabled';
}

export interface ListCustomersInput {
  /** Part of an email address, or a customer id. */
  q?: string;
  page: number;
  pageSize: number;
}

/** `%q%` for LIKE with the wildcards in `q` taken literally. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchFilter(q: string | undefined) {
  const term = q?.trim();
  if (!term) return undefined;
  return sql`(lower(${customers.email}) like ${likePattern(term)} escape '\\' or ${customers.id} = ${term})`;
}

/** Net spend and purchase count per customer, for the given customers only. */
async function spendOf(
  db: Db,
  customerIds: string[],
): Promise<Map<string, { purchases: number; spent: MoneyByCurrency }>> {
  const result = new Map<string, { purchases: number; spent: MoneyByCurrency }>();
  if (customerIds.length === 0) return result;
  const rows = await db
    .select({
      customerId: orders.customerId,
      currency: orders.currency,
      n: count(),
      amount: sql<number>`sum(${orders.price} - ${orders.refundedAmount})`,
    })
    .from(orders)
    .where(
      and(
        inArray(orders.customerId, customerIds),
        eq(orders.kind, 'purchase'),
        inArray(orders.status, ['paid', 'refunded']),
      ),
    )
    .groupBy(orders.customerId, orders.currency);
  for (const row of rows) {
    const entry = result.get(row.customerId) ?? { purchases: 0, spent: {} };
    entry.purchases += row.n;
    entry.spent[row.currency] = (entry.spent[row.currency] ?? 0) + Number(row.amount ?? 0);
    result.set(row.customerId, entry);
  }
  return result;
}

/**
 * A page of customers, newest first, with the platform's view of their keys; `live` says whether the platform
 * could be asked (if not, the shop's own record is shown).
 */
export async function listCustomers(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock'>,
  input: ListCustomersInput,
): Promise<{ customers: CustomerRow[]; total: number; live: boolean }> {
  const { db } = services;
  const now = services.clock.now();
  const live = await liveKeys(services);
  const where = searchFilter(input.q);
  const [totalRow] = await db.select({ n: count() }).from(customers).where(where);
  const rows = await db
    .select({ customer: customers, key: poolKeys })
    .from(customers)
    .leftJoin(poolKeys, eq(poolKeys.customerId, customers.id))
    .where(where)
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const spend = await spendOf(
    db,
    rows.map((r) => r.customer.id),
  );
  return {
    total: totalRow?.n ?? 0,
    live: live !== null,
    customers: rows.map(({ customer, key }) => {
      const liveKey = key?.upstreamId && live ? (live.get(key.upstreamId) ?? null) : null;
      const money = spend.get(customer.id);
      return {
        id: customer.id,
        email: customer.email,
        createdAt: customer.createdAt,
        lastSignInAt: customer.lastSignInAt,
        suspendedAt: customer.suspendedAt,
        purchases: money?.purchases ?? 0,
        spent: money?.spent ?? {},
        capGb: key?.capGb ?? null,
        usedGb: liveKey ? mbToGb(liveKey.trafficUsedMB) : null,
        expiresAt: liveKey ? isoToMs(liveKey.expiresAt) : (key?.expiresAt ?? null),
        status: customerStatus(customer, key, liveKey, now),
      };
    }),
  };
}

export async function findCustomer(db: Db, customerId: string): Promise<Customer> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!customer) throw new AdminError('customer_not_found', 'There is no customer with this id.');
  return customer;
}

export function adminOrder(o: Order): AdminOrder {
  return { ...purchaseView(o), kind: o.kind, stripeSessionId: o.stripeSessionId, heldGb: o.heldGb };
}

export function disputeView(d: Dispute): DisputeView {
  return {
    id: d.id,
    orderId: d.orderId,
    amount: d.amount,
    currency: d.currency,
    reason: d.reason,
    status: d.status,
    open: d.closedAt === null,
    heldGb: d.heldGb,
    createdAt: d.createdAt,
    closedAt: d.closedAt,
  };
}

function upstreamProblem(err: unknown): string {
  const e = err as { code?: unknown; kind?: unknown; upstreamStatus?: unknown; notFound?: unknown };
  if (e?.notFound === true) return 'The key is not on the platform (the next reconcile re-creates it).';
  if (e?.kind === 'timeout' || e?.kind === 'network') return 'The platform did not answer in time.';
  if (typeof e?.upstreamStatus === 'number') return `The platform answered ${e.upstreamStatus}.`;
  return 'The platform could not be asked.';
}

/** Everything about one customer: purchases, key (shop record + platform view + platform audit), the shop's audit trail. */
export async function customerDetail(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock'>,
  customerId: string,
): Promise<CustomerDetail> {
  const { db, pool, log } = services;
  const now = services.clock.now();
  const customer = await findCustomer(db, customerId);
  const [orderRows, disputeRows, [keyRow], audit, [activeSessions]] = await Promise.all([
    db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.createdAt)).limit(200),
    listDisputes(db, customerId),
    db.select().from(poolKeys).where(eq(poolKeys.customerId, customerId)).limit(1),
    listAudit(db, customerId, 100),
    db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.customerId, customerId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now))),
  ]);

  let key: AdminKeyState | null = null;
  let live: PoolAccessKey | null = null;
  if (keyRow) {
    key = {
      upstreamId: keyRow.upstreamId,
      secretMask: keyRow.secretMask,
      capGb: keyRow.capGb,
      expiresAt: keyRow.expiresAt,
      enabled: keyRow.enabled,
      syncState: keyRow.syncState,
      attempts: keyRow.attempts,
      nextAttemptAt: keyRow.nextAttemptAt,
      lastError: keyRow.lastError,
      upstream: null,
      upstreamError: null,
      upstreamAudit: [],
    };
    if (keyRow.upstreamId) {
      const [got, events] = await Promise.allSettled([
        pool.getKey(keyRow.upstreamId, { maxRetries: 1 }),
        pool.keyAudit(keyRow.upstreamId, { limit: 20 }),
      ]);
      if (got.status === 'fulfilled') {
        live = got.value;
        key.upstream = {
          enabled: live.enabled,
          capGb: live.trafficCapGB,
          usedGb: mbToGb(live.trafficUsedMB),
          expiresAt: live.expiresAt ?? null,
          isExpired: live.isExpired ?? null,
          lastUsedAt: live.lastUsedAt ?? null,
        };
      } else {
        key.upstreamError = upstreamProblem(got.reason);
        log.warn('admin: key state unavailable', { customerId, err: got.reason });
      }
      if (events.status === 'fulfilled')
        key.upstreamAudit = events.value.map((e) => ({ action: e.action, at: e.createdAt, authMethod: e.authMethod }));
    }
  }

  return {
    customer: {
      id: customer.id,
      email: customer.email,
      createdAt: customer.createdAt,
      lastSignInAt: customer.lastSignInAt,
      suspendedAt: customer.suspendedAt,
      suspendedReason: customer.suspendedReason,
      activeSessions: activeSessions?.n ?? 0,
    },
    status: customerStatus(customer, keyRow, live, now),
    orders: orderRows.map(adminOrder),
    disputes: disputeRows.map(disputeView),
    key,
    audit: audit.map(auditView),
  };
}

/** The platform's view of every key of the reseller, by key id; null when the platform cannot be asked. */
export async function liveKeys({ pool, log }: Pick<Services, 'pool' | 'log'>): Promise<Map<string, LiveKey> | null> {
  try {
    const keys = await pool.listKeys({ maxRetries: 1 });
    return new Map(keys.map((k) => [k.id, k]));
  } catch (err) {
    log.warn('admin: key list unavailable; showing the shop’s record', { err });
    return null;
  }
}
