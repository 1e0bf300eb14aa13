// The `customers` row: the one module that reads and writes it (sign-in creates it in src/auth). Billing, keys,
// dashboard and the console ask here for a customer, their Stripe customer id and their suspension.
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { type Customer, customers } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export type { Customer };

/** What the key's rules need to know about a customer: whether the shop suspended them, and why. */
export type Suspension = Pick<Customer, 'suspendedAt' | 'suspendedReason'>;

export const NOT_SUSPENDED: Suspension = { suspendedAt: null, suspendedReason: null };

/** The customer's row, as a statement that can ride in a batch with others. */
export function customerQuery(db: Db, customerId: string) {
  return db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
}

/** The id of the customer with this (normalised) address, as a statement that can ride in a batch: whether the
 * address already has an account. */
export function customerIdByEmailQuery(db: Db, email: string) {
  return db.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).limit(1);
}

export async function getCustomer(db: Db, customerId: string): Promise<Customer | undefined> {
  const [row] = await customerQuery(db, customerId);
  return row;
}

export async function customerExists(db: Db, customerId: string): Promise<boolean> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).limit(1);
  return Boolean(row);
}

/** Emails by customer id, for lists that show who a row belongs to. */
export async function emailsOf(db: Db, customerIds: string[]): Promise<Map<string, string>> {
  const found = await customersByIds(db, customerIds);
  return new Map([...found].map(([id, c]) => [id, c.email]));
}

/** Records the Stripe customer once: the first value wins. */
export function linkStripeCustomerStatement(db: Db, customerId: string, stripeCustomerId: string) {
  return db
    .update(customers)
    .set({ stripeCustomerId })
    .where(and(eq(customers.id, customerId), isNull(customers.stripeCustomerId)));
}

/**
 * Points the customer at a new Stripe customer when the one stored no longer exists (deleted in the Stripe dashboard,
 * or made with the other mode's key): only while it is still the one that was found missing.
 */
export function replaceStripeCustomerStatement(db: Db, customerId: string, missing: string, replacement: string) {
  return db
    .update(customers)
    .set({ stripeCustomerId: replacement })
    .where(and(eq(customers.id, customerId), eq(customers.stripeCustomerId, missing)));
}

/** Turns the customer's reminder mail off (at `offAt`) or back on (null). */
export function remindersOffStatement(db: Db, customerId: string, offAt: number | null) {
  return db.update(customers).set({ remindersOffAt: offAt }).where(eq(customers.id, customerId));
}

export function suspendStatement(db: Db, customerId: string, reason: string | null, now: number) {
  return db
    .update(customers)
    .set({ suspendedAt: now, suspendedReason: reason })
    .where(and(eq(customers.id, customerId), isNull(customers.suspendedAt)));
}

export function unsuspendStatement(db: Db, customerId: string) {
  return db
    .update(customers)
    .set({ suspendedAt: null, suspendedReason: null })
    .where(and(eq(customers.id, customerId), isNotNull(customers.suspendedAt)));
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

/** A page of customers matching `q` (part of an email, or an id), newest first, and how many match in all. */
/**
 * A page of customers, newest first, as statements that ride in one batch: how many match, the page's rows, and the
 * page's ids as a subquery (for the rows of other tables that belong to the page, read in the same batch).
 */
export function customerPageQueries(db: Db, input: { q?: string; page: number; pageSize: number }) {
  const where = searchFilter(input.q);
  const order = [desc(customers.createdAt), desc(customers.id)];
  const offset = (input.page - 1) * input.pageSize;
  return {
    total: db.select({ n: count() }).from(customers).where(where),
    rows: db
      .select()
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(input.pageSize)
      .offset(offset),
    ids: db
      .select({ id: customers.id })
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(input.pageSize)
      .offset(offset),
  };
}

/** Customers after `after` in (createdAt, id) order, oldest first: keyset paging for exports. */
export function customersAfter(db: Db, after: { createdAt: number; id: string } | null, limit: number) {
  return db
    .select()
    .from(customers)
    .where(
      after
        ? or(
            gt(customers.createdAt, after.createdAt),
            and(eq(customers.createdAt, after.createdAt), gt(customers.id, after.id)),
          )
        : undefined,
    )
    .orderBy(customers.createdAt, customers.id)
    .limit(limit);
}

/** How many customers the shop has, and how many of them are suspended. */
export async function customerCounts(db: Db): Promise<{ total: number; suspended: number }> {
  const [row] = await db
    .select({
      total: count(),
      suspended: sql<number>`coalesce(sum(case when ${customers.suspendedAt} is not null then 1 else 0 end), 0)`,
    })
    .from(customers);
  return { total: row?.total ?? 0, suspended: Number(row?.suspended ?? 0) };
}

/** These customers by id (any number of ids: read in chunks under D1's 100 bound parameters). */
export async function customersByIds(db: Db, customerIds: string[]): Promise<Map<string, Customer>> {
  const ids = [...new Set(customerIds)];
  const found = new Map<string, Customer>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db
      .select()
      .from(customers)
      .where(inArray(customers.id, ids.slice(i, i + 90)));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}
