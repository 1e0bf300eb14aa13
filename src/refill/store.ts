// The `auto_top_ups` and `auto_top_up_charges` rows. A charge is reserved in ONE conditional insert that checks the
// monthly limit and that no other charge of the customer is under way (charging, processing, or paid with its order
// not yet recorded paid), with a unique (customer, month, count): concurrent cron runs cannot both reserve one.
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { type AutoTopUpChargeRow, type AutoTopUpRow, autoTopUpCharges, autoTopUps, orders } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import type { AutoTopUpChoice, AutoTopUpPause } from '../shared/refill.ts';

export type { AutoTopUpChargeRow, AutoTopUpRow };

/** The customer's auto top-up choice, as a statement that can ride in a batch. */
export const autoTopUpQuery = (db: Db, customerId: string) =>
  db.select().from(autoTopUps).where(eq(autoTopUps.customerId, customerId)).limit(1);

export async function getAutoTopUp(db: Db, customerId: string): Promise<AutoTopUpRow | undefined> {
  const [row] = await autoTopUpQuery(db, customerId);
  return row;
}

/** Turns auto top-up on with this choice (a pause and the saved card stay as they are). */
export async function saveChoice(
  db: Db,
  customerId: string,
  choice: AutoTopUpChoice & { currency: string },
  now: number,
): Promise<void> {
  const values = { ...choice, enabled: true, updatedAt: now };
  await db
    .insert(autoTopUps)
    .values({ customerId, ...values })
    .onConflictDoUpdate({ target: autoTopUps.customerId, set: values });
}

export function switchOffStatement(db: Db, customerId: string, now: number) {
  return db.update(autoTopUps).set({ enabled: false, updatedAt: now }).where(eq(autoTopUps.customerId, customerId));
}

/** Customers whose auto top-up is on and not paused: a page of them in id order, after `page.after`. */
export function activeAutoTopUps(db: Db, page: { after: string | null; limit: number }): Promise<AutoTopUpRow[]> {
  return db
    .select()
    .from(autoTopUps)
    .where(
      and(
        eq(autoTopUps.enabled, true),
        isNull(autoTopUps.pausedAt),
        page.after === null ? undefined : gt(autoTopUps.customerId, page.after),
      ),
    )
    .orderBy(asc(autoTopUps.customerId))
    .limit(page.limit);
}

/** `YYYY-MM` (UTC) of a moment: the monthly limit's period. */
export function periodOf(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** A charge whose outcome is not known yet: Stripe's answer is awaited, or the bank is settling it. */
export const UNDER_WAY = ['charging', 'processing'] as const;
const underWaySql = sql.raw(UNDER_WAY.map((s) => `'${s}'`).join(', '));

/** What auto top-up charged (or is charging) the customer in the period: the tiers' prices, before tax. */
export function spentSql(customerId: string, period: string) {
  return sql<number>`coalesce((select sum(${autoTopUpCharges.amount}) from ${autoTopUpCharges} where ${autoTopUpCharges.customerId} = ${customerId} and ${autoTopUpCharges.period} = ${period} and ${autoTopUpCharges.state} in (${underWaySql}, 'succeeded')), 0)`;
}

export async function spentIn(db: Db, customerId: string, period: string): Promise<number> {
  const [row] = await db.select({ spent: spentSql(customerId, period) }).from(sql`(select 1)`);
  return Number(row?.spent ?? 0);
}

/**
 * Reserves the customer's next charge of the month, or nothing when the limit would be passed, another charge is
 * under way, or a concurrent run reserved this count first. The one atomic check before any money is taken.
 */
export async function reserveCharge(
  db: Db,
  charge: { id: string; customerId: string; orderId: string | null; amount: number; currency: string },
  monthlyLimit: number,
  now: number,
  checkAt: number,
): Promise<AutoTopUpChargeRow | undefined> {
  const period = periodOf(now);
  const c = autoTopUpCharges;
  const count = sql`(select coalesce(max(${c.count}), 0) + 1 from ${c} where ${c.customerId} = ${charge.customerId} and ${c.period} = ${period})`;
  const underWay = sql`exists (select 1 from ${c} left join ${orders} on ${orders.id} = ${c.orderId} where ${c.customerId} = ${charge.customerId} and (${c.state} in (${underWaySql}) or (${c.state} = 'succeeded' and ${orders.status} = 'pending')))`;
  const fits = sql`${spentSql(charge.customerId, period)} + ${charge.amount} <= ${monthlyLimit}`;
  const [row] = await db
    .insert(c)
    .select(
      db
        .select({
          id: sql`${charge.id}`.as('id'),
          customerId: sql`${charge.customerId}`.as('customer_id'),
          period: sql`${period}`.as('period'),
          count: sql`${count}`.as('count'),
          orderId: sql`${charge.orderId}`.as('order_id'),
          amount: sql`${charge.amount}`.as('amount'),
          tax: sql`0`.as('tax'),
          taxCalculationId: sql`null`.as('tax_calculation_id'),
          currency: sql`${charge.currency}`.as('currency'),
          state: sql`'charging'`.as('state'),
          paymentIntentId: sql`null`.as('payment_intent_id'),
          nextCheckAt: sql`${checkAt}`.as('next_check_at'),
          failure: sql`null`.as('failure'),
          notifiedAt: sql`null`.as('notified_at'),
          createdAt: sql`${now}`.as('created_at'),
        })
        .from(sql`(select 1)`)
        .where(sql`${fits} and not ${underWay}`),
    )
    .onConflictDoNothing()
    .returning();
  return row;
}

const stillUnderWay = (chargeId: string) =>
  and(eq(autoTopUpCharges.id, chargeId), inArray(autoTopUpCharges.state, [...UNDER_WAY]));

export function chargeSucceededStatement(db: Db, chargeId: string, paymentIntentId: string) {
  return db
    .update(autoTopUpCharges)
    .set({ state: 'succeeded', paymentIntentId, nextCheckAt: null })
    .where(stillUnderWay(chargeId));
}

/**
 * Stripe took the charge and the bank settles it later (a debit: days): its one PaymentIntent is kept, nothing is sent
 * again, and the webhook says how it ended (the cron asks Stripe at `checkAt` in case that event never comes).
 */
export function chargeProcessingStatement(db: Db, chargeId: string, paymentIntentId: string, checkAt: number) {
  return db
    .update(autoTopUpCharges)
    .set({ state: 'processing', paymentIntentId, nextCheckAt: checkAt })
    .where(stillUnderWay(chargeId));
}

/** The Stripe Tax calculation the charge's PaymentIntent is linked to: the first one made is kept for every retry. */
export async function keepTaxCalculation(
  db: Db,
  chargeId: string,
  calculation: { id: string; tax: number },
): Promise<AutoTopUpChargeRow | undefined> {
  await db
    .update(autoTopUpCharges)
    .set({ taxCalculationId: calculation.id, tax: calculation.tax })
    .where(and(eq(autoTopUpCharges.id, chargeId), isNull(autoTopUpCharges.taxCalculationId)));
  return getCharge(db, chargeId);
}

/**
 * A charge that needs the customer: auto top-up pauses (only while this charge is still the one under way, so a
 * replayed failure never pauses it again after the customer fixed it) and the charge fails. Order matters: the
 * pause reads the charge's state before the second statement changes it.
 */
export function chargeFailedStatements(
  db: Db,
  charge: { id: string; customerId: string },
  reason: AutoTopUpPause,
  paymentIntentId: string | null,
  now: number,
) {
  return [
    db
      .update(autoTopUps)
      .set({ pausedAt: now, pausedReason: reason })
      .where(
        and(
          eq(autoTopUps.customerId, charge.customerId),
          isNull(autoTopUps.pausedAt),
          sql`exists (select 1 from ${autoTopUpCharges} where ${autoTopUpCharges.id} = ${charge.id} and ${autoTopUpCharges.state} in (${underWaySql}))`,
        ),
      ),
    db
      .update(autoTopUpCharges)
      .set({
        state: 'failed',
        failure: reason,
        nextCheckAt: null,
        paymentIntentId: sql`coalesce(${autoTopUpCharges.paymentIntentId}, ${paymentIntentId})`,
      })
      .where(stillUnderWay(charge.id)),
  ] as const;
}

/** The order could not be reserved (the cap ceiling): the charge counts for nothing and nobody is charged. */
export async function skipCharge(db: Db, chargeId: string, failure: string): Promise<void> {
  await db
    .update(autoTopUpCharges)
    .set({ state: 'skipped', failure, nextCheckAt: null })
    .where(stillUnderWay(chargeId));
}

/** A card saved by the customer's Checkout: auto top-up charges it from now on, and a pause is over. */
export function saveCardStatement(db: Db, customerId: string, paymentMethodId: string, now: number) {
  return db
    .update(autoTopUps)
    .set({ paymentMethodId, pausedAt: null, pausedReason: null, updatedAt: now })
    .where(eq(autoTopUps.customerId, customerId));
}

export async function getCharge(db: Db, chargeId: string): Promise<AutoTopUpChargeRow | undefined> {
  const [row] = await db.select().from(autoTopUpCharges).where(eq(autoTopUpCharges.id, chargeId)).limit(1);
  return row;
}

/**
 * Charges under way whose check is due: Stripe's answer was lost (a crash, a timeout), or a debit has been processing
 * long enough to ask Stripe in case its webhook never came.
 */
export function dueCharges(db: Db, now: number, limit = 25): Promise<AutoTopUpChargeRow[]> {
  return db
    .select()
    .from(autoTopUpCharges)
    .where(
      and(
        inArray(autoTopUpCharges.state, [...UNDER_WAY]),
        // Null: a charge reserved before checks were scheduled, due at once.
        or(isNull(autoTopUpCharges.nextCheckAt), lte(autoTopUpCharges.nextCheckAt, now)),
      ),
    )
    .limit(limit);
}

/** Takes a due check for this run (the next one moves to `until`); false when another run took it first. */
export async function claimCheck(db: Db, charge: AutoTopUpChargeRow, until: number): Promise<boolean> {
  const due = charge.nextCheckAt;
  const claimed = await db
    .update(autoTopUpCharges)
    .set({ nextCheckAt: until })
    .where(
      and(
        stillUnderWay(charge.id),
        due === null ? isNull(autoTopUpCharges.nextCheckAt) : eq(autoTopUpCharges.nextCheckAt, due),
      ),
    )
    .returning({ id: autoTopUpCharges.id });
  return claimed.length > 0;
}

export function chargesOf(db: Db, customerId: string, limit = 10): Promise<AutoTopUpChargeRow[]> {
  return db
    .select()
    .from(autoTopUpCharges)
    .where(eq(autoTopUpCharges.customerId, customerId))
    .orderBy(desc(autoTopUpCharges.createdAt))
    .limit(limit);
}

/** Claims the "needs you" mail of a failed charge (given back if queueing fails). */
export async function claimNotice(db: Db, chargeId: string, now: number): Promise<AutoTopUpChargeRow | undefined> {
  const [row] = await db
    .update(autoTopUpCharges)
    .set({ notifiedAt: now })
    .where(
      and(eq(autoTopUpCharges.id, chargeId), eq(autoTopUpCharges.state, 'failed'), isNull(autoTopUpCharges.notifiedAt)),
    )
    .returning();
  return row;
}

export async function unclaimNotice(db: Db, chargeId: string): Promise<void> {
  await db.update(autoTopUpCharges).set({ notifiedAt: null }).where(eq(autoTopUpCharges.id, chargeId));
}
