// CSV exports of customers and purchases (RFC 4180), safe to open in a spreadsheet: a text cell that a spreadsheet
// would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a single quote. Each is
// streamed a page at a time, one query per page (keyset on created_at, id), so an export of 100,000 customers is 100
// queries (src/bounds.ts: EXPORT_ROWS_PER_QUERY).

import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { customers, keySyncs, orders, poolKeys } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import { EXPORT_ROWS_PER_QUERY } from '../bounds.ts';
import type { CustomerCursor } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { netRevenueOf } from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import { isoDate, isoDateTime } from '../shared/format.ts';
import { type Operator, operatorActor } from './operator.ts';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: numbers as they are; text defused against formulas, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

const isoOrEmpty = (ms: number | null) => (ms === null ? '' : isoDateTime(ms));

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'email',
  'created_at',
  'last_sign_in_at',
  'suspended_at',
  'suspended_reason',
  'paid_purchases',
  'spent_minor',
  'currency',
  'gb_purchased',
  'gb_granted',
  'key_cap_gb',
  'key_expires_at',
  'key_enabled',
  'key_sync_state',
] as const;

/**
 * One page of the customer export: EXPORT_ROWS_PER_QUERY customers after `after` (oldest first), each with their
 * current key, sync state and order totals, joined in ONE query (no list of ids bound: the page's customers are a
 * subquery).
 */
function customerExportPage(db: Db, after: CustomerCursor | null) {
  const page = db
    .select({ id: customers.id })
    .from(customers)
    .where(after ? sql`(${customers.createdAt}, ${customers.id}) > (${after.at}, ${after.id})` : undefined)
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(EXPORT_ROWS_PER_QUERY);
  const sums = db
    .select({
      customerId: orders.customerId,
      purchases: sql<number>`sum(case when ${orders.kind} = 'purchase' then 1 else 0 end)`.as('purchases'),
      spent: sql<number>`sum(case when ${orders.kind} = 'purchase' then ${netRevenueOf(orders)} else 0 end)`.as(
        'spent',
      ),
      currency: sql<string>`group_concat(distinct ${orders.currency})`.as('currency'),
      purchasedGb:
        sql<number>`sum(case when ${orders.kind} = 'purchase' then ${orders.gb} - ${orders.refundedGb} else 0 end)`.as(
          'purchased_gb',
        ),
      grantedGb: sql<number>`sum(case when ${orders.kind} = 'grant' then ${orders.gb} else 0 end)`.as('granted_gb'),
    })
    .from(orders)
    .where(and(inArray(orders.customerId, page), inArray(orders.status, ['paid', 'refunded'])))
    .groupBy(orders.customerId)
    .as('sums');
  return db
    .select({
      customer: customers,
      sums: {
        purchases: sums.purchases,
        spent: sums.spent,
        currency: sums.currency,
        purchasedGb: sums.purchasedGb,
        grantedGb: sums.grantedGb,
      },
      key: { id: poolKeys.id, capGb: poolKeys.capGb, expiresAt: poolKeys.expiresAt, enabled: poolKeys.enabled },
      syncState: keySyncs.state,
    })
    .from(customers)
    .leftJoin(poolKeys, and(eq(poolKeys.customerId, customers.id), eq(poolKeys.state, 'current')))
    .leftJoin(keySyncs, eq(keySyncs.customerId, customers.id))
    .leftJoin(sums, eq(sums.customerId, customers.id))
    .where(inArray(customers.id, page))
    .orderBy(asc(customers.createdAt), asc(customers.id));
}

/** Customers, oldest first, one CSV line each (header first): one query per EXPORT_ROWS_PER_QUERY customers. */
async function* customerCsv(db: Db): AsyncGenerator<string> {
  yield csvLine(CUSTOMER_COLUMNS);
  let after: CustomerCursor | null = null;
  for (;;) {
    const rows = await customerExportPage(db, after);
    if (rows.length === 0) return;
    let chunk = '';
    for (const { customer: c, sums: s, key, syncState } of rows) {
      const hasKey = key?.id != null;
      chunk += csvLine([
        c.id,
        c.email,
        isoOrEmpty(c.createdAt),
        isoOrEmpty(c.lastSignInAt),
        isoOrEmpty(c.suspendedAt),
        c.suspendedReason,
        Number(s?.purchases ?? 0),
        Number(s?.spent ?? 0),
        s?.currency ?? '',
        Number(s?.purchasedGb ?? 0),
        Number(s?.grantedGb ?? 0),
        hasKey ? (key?.capGb ?? null) : null,
        hasKey ? isoOrEmpty(key?.expiresAt ?? null) : '',
        hasKey ? (key?.enabled ?? null) : null,
        hasKey ? (syncState ?? '') : '',
      ]);
    }
    yield chunk;
    const last = rows.at(-1)?.customer;
    if (!last || rows.length < EXPORT_ROWS_PER_QUERY) return;
    after = { at: last.createdAt, id: last.id };
  }
}

export const PURCHASE_COLUMNS = [
  'order_id',
  'customer_id',
  'email',
  'kind',
  'status',
  'tier_id',
  'tier_name',
  'gb',
  'price_minor',
  'currency',
  'validity_days',
  'refunded_gb',
  'refunded_minor',
  'created_at',
  'paid_at',
  'stripe_session_id',
  'stripe_payment_intent_id',
] as const;

/** Every order (purchases and grants, any status), oldest first, one CSV line each (header first). */
async function* purchaseCsv(db: Db): AsyncGenerator<string> {
  yield csvLine(PURCHASE_COLUMNS);
  let after: { createdAt: number; id: string } | null = null;
  for (;;) {
    const rows: { order: typeof orders.$inferSelect; email: string }[] = await db
      .select({ order: orders, email: customers.email })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .where(
        after
          ? or(
              gt(orders.createdAt, after.createdAt),
              and(eq(orders.createdAt, after.createdAt), gt(orders.id, after.id)),
            )
          : undefined,
      )
      .orderBy(asc(orders.createdAt), asc(orders.id))
      .limit(EXPORT_ROWS_PER_QUERY);
    if (rows.length === 0) return;
    let chunk = '';
    for (const { order: o, email } of rows) {
      chunk += csvLine([
        o.id,
        o.customerId,
        email,
        o.kind,
        o.status,
        o.tierId,
        o.tierName,
        o.gb,
        o.price,
        o.currency,
        o.validityDays,
        o.refundedGb,
        o.refundedAmount,
        isoOrEmpty(o.createdAt),
        isoOrEmpty(o.paidAt),
        o.stripeSessionId,
        o.stripePaymentIntentId,
      ]);
    }
    yield chunk;
    const last = rows.at(-1)?.order;
    if (!last || rows.length < EXPORT_ROWS_PER_QUERY) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export type CsvExport = 'customers' | 'purchases';

/** An operator's export of a table: audited before a byte leaves, then streamed a chunk of rows at a time. */
export async function exportCsv(
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  operator: Operator,
  what: CsvExport,
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  await recordAudit(db, {
    actor: operatorActor(operator),
    action: 'admin.export',
    detail: { what },
    requestId: operator.requestId,
    at: clock.now(),
  });
  return {
    filename: `${what}-${isoDate(clock.now())}.csv`,
    body: csvStream(what === 'customers' ? customerCsv(db) : purchaseCsv(db)),
  };
}

/** A generator of CSV text as a byte stream for a Response body. */
function csvStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
