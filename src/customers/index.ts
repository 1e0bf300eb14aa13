// The `customers` row: the one module that reads and writes it (sign-in creates it in src/auth). Billing, keys,
// dashboard and the console ask here for a customer, their Stripe customer id and their suspension.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { type Customer, customers } from '../../schema.ts';
import { readByIds } from '../db/chunks.ts';
import type { Db } from '../db/index.ts';
import { isLocale, type Locale } from '../shared/i18n/locales.ts';

export type { Customer };

/** What the key's rules need to know about a customer: whether the shop suspended them, and why. */
export type Suspension = Pick<Customer, 'suspendedAt' | 'suspendedReason'>;

export const NOT_SUSPENDED: Suspension = { suspendedAt: null, suspendedReason: null };

/** The language the customer chose for the app and their mail, if any (a mail without one is in DEFAULT_LOCALE). */
export function customerLocale(customer: Pick<Customer, 'locale'>): Locale | undefined {
  return isLocale(customer.locale) ? customer.locale : undefined;
}

/** Sets the customer's language (the dashboard's choice). */
export async function setCustomerLocale(db: Db, customerId: string, locale: Locale): Promise<void> {
  await db.update(customers).set({ locale }).where(eq(customers.id, customerId));
}

/** The customer's row, as a statement that can ride in a batch with others. */
export function customerQuery(db: Db, customerId: string) {
  return db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
}

/** The id of the customer with this (normalised) address, as a statement that can ride in a batch: whether the
 * address already has an account. */
export function customerIdByEmailQuery(db: Db, email: string) {
  return db
    .select({ id: customers.id, locale: customers.locale })
    .from(customers)
    .where(eq(customers.email, email))
    .limit(1);
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

/** Whether the customer `customerId` names (a column of another table) is not suspended, as SQL. */
export function activeCustomerSql(customerId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${customers} where ${customers.id} = ${customerId} and ${customers.suspendedAt} is null)`;
}

/** Whether the customer `customerId` names (a column of another table) gets reminder mail: not suspended, not
 * unsubscribed, as SQL. */
export function remindableSql(customerId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${customers} where ${customers.id} = ${customerId} and ${customers.suspendedAt} is null and ${customers.remindersOffAt} is null)`;
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

/** Where a page of customers continues from: the (created_at, id) of the row next to it. */
export interface CustomerCursor {
  at: number;
  id: string;
}

/**
 * Customers whose email starts with `q` (lowercased, as emails are stored: a range of the unique index on email, so
 * no table scan and no LIKE, whose pattern D1 caps at 50 bytes), or whose id is `q`.
 */
function searchFilter(q: string | undefined): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const prefix = term.toLowerCase();
  return or(and(gte(customers.email, prefix), lt(customers.email, `${prefix}\u{10FFFF}`)), eq(customers.id, term));
}

const position = sql`(${customers.createdAt}, ${customers.id})`;

/**
 * A page of customers, newest first, as statements that ride in one batch: how many match a search, the page's rows (one more
 * than `pageSize`, to tell whether the list goes on), and the page's ids as a subquery (for the rows of other tables
 * that belong to the page, read in the same batch). `before` pages towards older customers, `after` towards newer
 * ones (its rows come oldest first: the caller turns them round).
 */
export function customerPageQueries(
  db: Db,
  input: { q?: string; before?: CustomerCursor; after?: CustomerCursor; pageSize: number },
) {
  const search = searchFilter(input.q);
  const { before, after } = input;
  const where = and(
    search,
    before ? sql`${position} < (${before.at}, ${before.id})` : undefined,
    after ? sql`${position} > (${after.at}, ${after.id})` : undefined,
  );
  const order = after ? [asc(customers.createdAt), asc(customers.id)] : [desc(customers.createdAt), desc(customers.id)];
  return {
    // Counted only within a search (a range of the email index): the whole list's count is the console's front page's.
    total: search
      ? db.select({ n: sql<number | null>`count(*)` }).from(customers).where(search)
      : db.select({ n: sql<number | null>`null` }).from(sql`(select 1)`),
    rows: db
      .select()
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(input.pageSize + 1),
    ids: db
      .select({ id: customers.id })
      .from(customers)
      .where(where)
      .orderBy(...order)
      .limit(input.pageSize + 1),
  };
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

/** These customers by id (any number of ids: read in slices under D1's bound-parameter limit). */
export async function customersByIds(db: Db, customerIds: string[]): Promise<Map<string, Customer>> {
  const rows = await readByIds(customerIds, (ids) => db.select().from(customers).where(inArray(customers.id, ids)));
  return new Map(rows.map((row) => [row.id, row]));
}
