// Customers as the operator sees them: a searchable, paged list and one customer's full record (purchases, the
// key as the shop set it and as the platform reports it, the audit trail).

import { and, count, eq, gt, inArray, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import { type Customer, type Order, orders, sessions } from '../../schema.ts';
import { listAudit } from '../audit/index.ts';
import { customerPageQueries, getCustomer } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { read, readTogether, rows } from '../db/reads.ts';
import {
  byCustomer,
  currentKeysQuery,
  getSync,
  type KeyState,
  keyState,
  keysOf,
  type PoolKeyRow,
  syncsQuery,
} from '../keys/index.ts';
import {
  type Dispute,
  type GenerationBalance,
  ledgerOf,
  listDisputes,
  listEntitledOrders,
  listRefunds,
  netRevenueOf,
  ordersPage,
  purchaseView,
  type RefundRow,
  usedGbOf,
} from '../orders/index.ts';
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type {
  AdminKeyGeneration,
  AdminKeyState,
  AdminOrder,
  CustomerDetail,
  CustomerStatus,
  CustomersPage,
  DisputeView,
  MoneyByCurrency,
  OrdersPage,
  RefundView,
} from '../shared/admin.ts';
import { mbToGb } from '../shared/format.ts';
import { auditView } from './audit.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { AdminError } from './errors.ts';

/** One word for where a customer stands, from the key's state (the platform's live view wins when there is one). */
export function customerStatus(state: KeyState, suspended: boolean): CustomerStatus {
  if (suspended) return 'suspended';
  if (state.status === 'none') return 'no_key';
  if (state.status === 'provisioning') return state.sync === 'failed' ? 'retrying' : 'provisioning';
  if (state.sync === 'failed') return 'retrying';
  if (state.sync === 'pending') return 'updating';
  if (state.reason === 'provider_disabled') return 'provider_disabled';
  return state.status;
}

export interface ListCustomersInput {
  /** The start of an email address, or a customer id. */
  q?: string;
  /** A cursor from a previous page: the customers older than it (`next`), or newer (`prev`). */
  before?: string;
  after?: string;
  pageSize: number;
}

/** Net spend and purchase count per currency of the customers `customerIds` names, as a batchable statement. */
function spendQuery(db: Db, customerIds: SQLWrapper) {
  return db
    .select({
      customerId: orders.customerId,
      currency: orders.currency,
      n: count(),
      amount: sql<number>`sum(${netRevenueOf(orders)})`,
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
}

type SpendRow = Awaited<ReturnType<typeof spendQuery>>[number];

function spendOf(rows: SpendRow[]): Map<string, { purchases: number; spent: MoneyByCurrency }> {
  const result = new Map<string, { purchases: number; spent: MoneyByCurrency }>();
  for (const row of rows) {
    const entry = result.get(row.customerId) ?? { purchases: 0, spent: {} };
    entry.purchases += row.n;
    entry.spent[row.currency] = (entry.spent[row.currency] ?? 0) + Number(row.amount ?? 0);
    result.set(row.customerId, entry);
  }
  return result;
}

const cursorOf = (c: Customer) => encodeCursor({ at: c.createdAt, id: c.id });

/**
 * A page of customers, newest first (keyset paging: any page costs the same), with their purchases, spend and key as
 * the shop last recorded it (usage as the cron's sweep last read it), in one round trip and no platform call.
 */
export async function listCustomers(
  services: Pick<Services, 'db' | 'clock'>,
  input: ListCustomersInput,
): Promise<Omit<CustomersPage, 'pageSize'>> {
  const { db } = services;
  const now = services.clock.now();
  const before = input.before ? decodeCursor(input.before) : undefined;
  const after = input.after ? decodeCursor(input.after) : undefined;
  const page = customerPageQueries(db, { q: input.q, before, after, pageSize: input.pageSize });
  const [found] = await readTogether(db, {
    total: read(page.total, (r) => r[0]?.n ?? null),
    customers: rows(page.rows),
    keys: read(currentKeysQuery(db, page.ids), byCustomer),
    syncs: read(syncsQuery(db, page.ids), byCustomer),
    spend: read(spendQuery(db, page.ids), spendOf),
  });
  const { keys, syncs, spend } = found;
  const more = found.customers.length > input.pageSize;
  const shown = found.customers.slice(0, input.pageSize);
  // Paging towards newer customers reads them oldest first.
  if (after) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  return {
    total: found.total,
    next: last && (after || more) ? cursorOf(last) : null,
    prev: first && (before || (after && more)) ? cursorOf(first) : null,
    customers: shown.map((customer) => {
      const key = keys.get(customer.id);
      const state = keyState({ key, sync: syncs.get(customer.id), live: null, customer, now });
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
        usedGb: key?.usedAt ? mbToGb(key.usedMb) : null,
        expiresAt: state.expiresAt,
        status: customerStatus(state, Boolean(customer.suspendedAt)),
      };
    }),
  };
}

/** A customer's orders shown at a time, newest first; older ones a page at a time after. */
const ORDERS_PER_PAGE = 50;

/** A page of orders read one over ORDERS_PER_PAGE: the page, and the cursor of the next when there is one. */
function ordersOf(rows: Order[]): OrdersPage {
  const shown = rows.slice(0, ORDERS_PER_PAGE);
  const last = shown.at(-1);
  return {
    orders: shown.map(adminOrder),
    ordersNext: rows.length > ORDERS_PER_PAGE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** The customer's orders older than the cursor `before` (from the detail or the page before). */
export async function customerOrders(
  { db }: Pick<Services, 'db'>,
  customerId: string,
  before: string,
): Promise<OrdersPage> {
  await findCustomer(db, customerId);
  return ordersOf(await ordersPage(db, customerId, { before: decodeCursor(before), limit: ORDERS_PER_PAGE }));
}

export async function findCustomer(db: Db, customerId: string): Promise<Customer> {
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new AdminError('customer_not_found', 'There is no customer with this id.');
  return customer;
}

export function adminOrder(o: Order): AdminOrder {
  return { ...purchaseView(o), stripeSessionId: o.stripeSessionId };
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
    fundsReinstated: d.fundsReinstated,
    createdAt: d.createdAt,
    closedAt: d.closedAt,
  };
}

function refundView(r: RefundRow, currency: string): RefundView {
  return {
    id: r.id,
    orderId: r.orderId,
    amount: r.amount,
    currency,
    status: r.status,
    failureReason: r.failureReason,
    createdAt: r.createdAt,
  };
}

function upstreamProblem(err: unknown): string {
  const e = err as { code?: unknown; kind?: unknown; upstreamStatus?: unknown; notFound?: unknown };
  if (e?.notFound === true) return 'The key is not on the platform (the next reconcile re-creates it).';
  if (e?.kind === 'timeout' || e?.kind === 'network') return 'The platform did not answer in time.';
  if (typeof e?.upstreamStatus === 'number') return `The platform answered ${e.upstreamStatus}.`;
  return 'The platform could not be asked.';
}

function generationView(key: PoolKeyRow, balance: GenerationBalance | undefined): AdminKeyGeneration {
  return {
    generation: key.generation,
    state: key.state,
    upstreamId: key.upstreamId,
    secretMask: key.secretMask,
    gb: balance?.targetGb ?? 0,
    usedGb: key.finalUsedGb ?? usedGbOf(key),
    graceUntil: key.graceUntil,
    carriedOutGb: key.carriedOutGb,
    carriedInto: key.carriedInto,
    deletedAt: key.deletedAt,
    upstreamDisabledAt: key.upstreamDisabledAt,
    createdAt: key.createdAt,
  };
}

/** Everything about one customer: purchases, keys (shop record + platform view + platform audit), the shop's audit trail. */
export async function customerDetail(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock' | 'config'>,
  customerId: string,
): Promise<CustomerDetail> {
  const { db, pool, log } = services;
  const now = services.clock.now();
  const customer = await findCustomer(db, customerId);
  const [orderRows, disputeRows, refundRows, keys, sync, entitled, audit, [activeSessions]] = await Promise.all([
    ordersPage(db, customerId, { limit: ORDERS_PER_PAGE }),
    listDisputes(db, customerId),
    listRefunds(db, customerId),
    keysOf(db, customerId),
    getSync(db, customerId),
    listEntitledOrders(db, customerId),
    listAudit(db, customerId, 100),
    db
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.customerId, customerId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now))),
  ]);
  const current = keys.find((k) => k.state === 'current');
  const ledger = ledgerOf(entitled, keys);

  let key: AdminKeyState | null = null;
  let live: PoolAccessKey | null = null;
  if (current) {
    key = {
      generation: current.generation,
      upstreamId: current.upstreamId,
      secretMask: current.secretMask,
      capGb: current.capGb,
      expiresAt: current.expiresAt,
      enabled: current.enabled,
      syncState: sync?.state ?? 'synced',
      attempts: sync?.attempts ?? 0,
      nextAttemptAt: sync?.nextAttemptAt ?? null,
      lastError: sync?.lastError ?? null,
      upstream: null,
      upstreamError: null,
      upstreamAudit: [],
      upstreamDisabledAt: current.upstreamDisabledAt,
      generations: [...keys].reverse().map((k) => generationView(k, ledger.get(k.generation))),
    };
    if (current.upstreamId) {
      const [got, events] = await Promise.allSettled([
        pool.getKey(current.upstreamId, { maxRetries: 1 }),
        pool.keyAudit(current.upstreamId, { limit: 20 }),
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
    status: customerStatus(keyState({ key: current, sync, live, customer, now }), Boolean(customer.suspendedAt)),
    ...ordersOf(orderRows),
    disputes: disputeRows.map(disputeView),
    refunds: refundRows.map((r) =>
      refundView(r, orderRows.find((o) => o.id === r.orderId)?.currency ?? services.config.currency),
    ),
    key,
    audit: audit.map((entry) => auditView(entry, customer.email)),
    capCeilingGb: services.config.keys.capCeilingGb,
  };
}
