// The console's front page: how the shop is doing (customers, revenue, GB sold and used), what needs an
// operator's eye (keys near their cap or expiry, stuck fulfilments, dead-lettered or failing mail) and the platform's
// health.
import { and, count, countDistinct, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { mailFailures, orders } from '../../schema.ts';
import { signInMailFigures } from '../auth/index.ts';
import { activeCustomerSql, customerCounts, emailsOf } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { keysNeedingAttention, owedSyncs, usedMbOfWorkingKeys } from '../keys/index.ts';
import { netRevenueOf, openDisputes } from '../orders/index.ts';
import { activeIncidents, INCIDENTS, readAvailability, upstreamHealth } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type {
  DayPoint,
  FulfilmentIssue,
  KeyAttention,
  MoneyByCurrency,
  Overview,
  TierRevenue,
} from '../shared/admin.ts';
import { mbToGb } from '../shared/format.ts';
import { DAY_MS, MINUTE_MS } from '../time.ts';
import { disputeView } from './customers.ts';

/** A key this full (used / cap) is "near its cap". */
export const NEAR_CAP_RATIO = 0.8;
/** A key expiring within this is "expiring". */
export const EXPIRING_WITHIN_MS = 3 * DAY_MS;
/** Expired keys stay on the list for this long, then drop off. */
const EXPIRED_SHOWN_MS = 7 * DAY_MS;
/** A reconcile still pending after this long is listed as an issue (normally it takes seconds). */
const PENDING_STUCK_MS = 5 * MINUTE_MS;
/** Keys and fulfilments listed, most urgent first. */
const ATTENTION_LIMIT = 50;

const paidPurchase = and(eq(orders.kind, 'purchase'), inArray(orders.status, ['paid', 'refunded']));
const netAmount = sql<number>`coalesce(sum(${netRevenueOf(orders)}), 0)`;
const netGb = sql<number>`coalesce(sum(${orders.gb} - ${orders.refundedGb}), 0)`;

/** The revenue chart is in the shop's currency (config.currency). */
type OverviewServices = Pick<Services, 'db' | 'pool' | 'kv' | 'waitUntil' | 'log' | 'clock' | 'config' | 'mail'>;

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last `days` days ending today (UTC), zero-filled. */
export function fillDays(
  rows: { date: string; amount: number; orders: number }[],
  days: number,
  now: number,
): DayPoint[] {
  const byDate = new Map(rows.map((r) => [r.date, r]));
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const date = dayKey(today - (days - 1 - i) * DAY_MS);
    const row = byDate.get(date);
    return { date, amount: Number(row?.amount ?? 0), orders: Number(row?.orders ?? 0) };
  });
}

/** Why a key needs a look, or null: at or near its cap, expired lately, or expiring soon. */
export function attentionOf(
  capGb: number | null,
  usedGb: number | null,
  expiresAt: number | null,
  now: number,
): KeyAttention['why'] | null {
  if (capGb !== null && usedGb !== null && capGb > 0) {
    if (usedGb >= capGb) return 'at_cap';
    if (usedGb / capGb >= NEAR_CAP_RATIO) return 'near_cap';
  }
  if (expiresAt !== null) {
    if (expiresAt <= now) return expiresAt > now - EXPIRED_SHOWN_MS ? 'expired' : null;
    if (expiresAt - now <= EXPIRING_WITHIN_MS) return 'expiring';
  }
  return null;
}

async function revenueFigures(db: Db, currency: string, days: number, now: number) {
  const since =
    Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) -
    (days - 1) * DAY_MS;
  const day = sql<string>`date(${orders.paidAt} / 1000, 'unixepoch')`;
  const [byCurrency, byDay, byTier, [paying], [sold], [granted], [failedPayments]] = await Promise.all([
    db
      .select({ currency: orders.currency, amount: netAmount })
      .from(orders)
      .where(paidPurchase)
      .groupBy(orders.currency),
    db
      .select({ date: day, amount: netAmount, orders: count() })
      .from(orders)
      .where(and(paidPurchase, eq(orders.currency, currency), gt(orders.paidAt, since - 1)))
      .groupBy(day),
    db
      .select({
        tierId: orders.tierId,
        tierName: sql<string>`max(${orders.tierName})`,
        currency: orders.currency,
        orders: count(),
        gb: netGb,
        amount: netAmount,
      })
      .from(orders)
      .where(paidPurchase)
      .groupBy(orders.tierId, orders.currency)
      .orderBy(desc(netAmount)),
    db
      .select({ n: countDistinct(orders.customerId) })
      .from(orders)
      .where(paidPurchase),
    db.select({ gb: netGb }).from(orders).where(paidPurchase),
    db
      .select({ gb: netGb })
      .from(orders)
      .where(and(eq(orders.kind, 'grant'), eq(orders.status, 'paid'))),
    db
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.status, 'failed'), gt(orders.createdAt, now - 30 * DAY_MS))),
  ]);
  const revenue: MoneyByCurrency = {};
  for (const row of byCurrency) revenue[row.currency] = Number(row.amount);
  const revenueByTier: TierRevenue[] = byTier.map((r) => ({
    ...r,
    orders: Number(r.orders),
    gb: Number(r.gb),
    amount: Number(r.amount),
  }));
  return {
    revenue,
    revenueByDay: { currency, days: fillDays(byDay, days, now) },
    revenueByTier,
    payingCustomers: paying?.n ?? 0,
    soldGb: Number(sold?.gb ?? 0),
    grantedGb: Number(granted?.gb ?? 0),
    failedPayments: failedPayments?.n ?? 0,
  };
}

/**
 * The GB used and the keys that need a look, from the shop's own record (the usage sweep reads every key each cron
 * tick): a fixed number of queries however many customers there are, and no platform call.
 */
async function keyFigures(db: Db, now: number) {
  const rule = { nearCapRatio: NEAR_CAP_RATIO, expiringWithinMs: EXPIRING_WITHIN_MS, expiredShownMs: EXPIRED_SHOWN_MS };
  const [usedMb, keys] = await Promise.all([
    usedMbOfWorkingKeys(db),
    keysNeedingAttention(db, rule, now, activeCustomerSql, ATTENTION_LIMIT),
  ]);
  const emails = await emailsOf(
    db,
    keys.map((k) => k.customerId),
  );
  const attention: KeyAttention[] = [];
  for (const k of keys) {
    const used = k.usedAt === null ? null : mbToGb(k.usedMb);
    const why = attentionOf(k.capGb, used, k.expiresAt, now);
    const email = emails.get(k.customerId);
    if (why && email)
      attention.push({ customerId: k.customerId, email, capGb: k.capGb, usedGb: used, expiresAt: k.expiresAt, why });
  }
  return { usedGb: mbToGb(usedMb), attention };
}

async function fulfilmentFigures(db: Db, now: number) {
  const owed = await owedSyncs(db, 500);
  const issues = owed
    .filter((k) => k.state === 'failed' || k.demand < now - PENDING_STUCK_MS)
    .slice(0, ATTENTION_LIMIT);
  const emails = await emailsOf(
    db,
    issues.map((k) => k.customerId),
  );
  return {
    pending: owed.filter((k) => k.state === 'pending').length,
    failed: owed.filter((k) => k.state === 'failed').length,
    issues: issues.map(
      (k): FulfilmentIssue => ({
        customerId: k.customerId,
        email: emails.get(k.customerId) ?? '',
        syncState: k.state as FulfilmentIssue['syncState'],
        attempts: k.attempts,
        nextAttemptAt: k.nextAttemptAt,
        lastError: k.lastError,
        since: k.demand,
      }),
    ),
  };
}

async function upstreamFigures(services: OverviewServices): Promise<Overview['upstream']> {
  const [health, incidents] = await Promise.all([
    upstreamHealth(services),
    readAvailability(INCIDENTS, services).then(
      (cached) => activeIncidents(cached),
      () => null,
    ),
  ]);
  return { ok: health.ok, incidents: incidents?.incidents ?? [], incidentsStale: incidents ? incidents.stale : null };
}

export async function overview(services: OverviewServices, days = 30): Promise<Overview> {
  const { db } = services;
  const now = services.clock.now();
  const [people, revenue, keys, fulfilment, disputes, [mailTotal], [mailRecent], upstream, signInMail, mail] =
    await Promise.all([
      customerCounts(db),
      revenueFigures(db, services.config.currency, days, now),
      keyFigures(db, now),
      fulfilmentFigures(db, now),
      openDisputes(db, ATTENTION_LIMIT),
      db.select({ n: count() }).from(mailFailures),
      db
        .select({ n: count() })
        .from(mailFailures)
        .where(gt(mailFailures.at, now - 7 * DAY_MS)),
      upstreamFigures(services),
      signInMailFigures(db, services.config, now),
      services.mail.health(now),
    ]);
  return {
    customers: people.total,
    payingCustomers: revenue.payingCustomers,
    suspendedCustomers: people.suspended,
    revenue: revenue.revenue,
    revenueByDay: revenue.revenueByDay,
    revenueByTier: revenue.revenueByTier,
    gb: { sold: revenue.soldGb, granted: revenue.grantedGb, used: keys.usedGb },
    attention: keys.attention,
    disputes: {
      open: disputes.total,
      list: disputes.disputes.map((d) => ({ ...disputeView(d), customerId: d.customerId, email: d.email })),
    },
    fulfilment: { ...fulfilment, failedPayments: revenue.failedPayments },
    deadLetterMail: { total: mailTotal?.n ?? 0, last7Days: mailRecent?.n ?? 0 },
    signInMail,
    mail,
    upstream,
    generatedAt: now,
  };
}
