// The shop's own audit trail: who did what to which customer, when. Read by the dashboard and the console.
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { type AuditEntry, auditLog, customers } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export interface AuditInput {
  /** `customer:<id>`, `admin:<email>` or `system`. */
  actor: string;
  action: string;
  customerId?: string | null;
  detail?: Record<string, unknown>;
  requestId?: string;
  /** For an entry that must be written once however often its cause is retried (e.g. `refund:re_…`). */
  id?: string;
  /** When it happened: the writer's `services.clock.now()` (unix ms). */
  at: number;
}

export function auditStatement(db: Db, entry: AuditInput) {
  return db
    .insert(auditLog)
    .values({
      id: entry.id ?? crypto.randomUUID(),
      actor: entry.actor,
      action: entry.action,
      customerId: entry.customerId ?? null,
      detail: entry.detail ?? null,
      requestId: entry.requestId ?? null,
      at: entry.at,
    })
    .onConflictDoNothing();
}

export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await auditStatement(db, entry);
}

/**
 * Counts one more occurrence on the entry `id` (one row per thing and day, e.g. a token's secret reads): written with
 * `count: 1` in its detail the first time, its count raised and its time moved to `at` each time after.
 */
export async function countAudit(db: Db, entry: AuditInput & { id: string }): Promise<void> {
  const { at } = entry;
  await db
    .insert(auditLog)
    .values({
      id: entry.id,
      actor: entry.actor,
      action: entry.action,
      customerId: entry.customerId ?? null,
      detail: { ...entry.detail, count: 1 },
      requestId: entry.requestId ?? null,
      at,
    })
    .onConflictDoUpdate({
      target: auditLog.id,
      set: {
        detail: sql`json_set(${auditLog.detail}, '$.count', coalesce(json_extract(${auditLog.detail}, '$.count'), 0) + 1)`,
        requestId: entry.requestId ?? null,
        at,
      },
    });
}

/** Records an entry with a fixed `id` unless it is there already; true when it was written now. */
export async function recordAuditOnce(db: Db, entry: AuditInput & { id: string }): Promise<boolean> {
  const written = await auditStatement(db, entry).returning({ id: auditLog.id });
  return written.length > 0;
}

export function listAudit(db: Db, customerId: string, limit = 50): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(eq(auditLog.customerId, customerId)).orderBy(desc(auditLog.at)).limit(limit);
}

export interface AuditPageQuery {
  /** Only this customer's entries. */
  customerId?: string;
  /** Only entries with this action (e.g. `admin.suspend`). */
  action?: string;
  /** Only entries by this actor (e.g. `admin:ops@example.com`). */
  actor?: string;
  /** Cursor from the previous page: entries older than it. */
  before?: { at: number; id: string };
  limit: number;
}

/** An entry of the whole log, with the address of the customer it is about (the console names people, not ids). */
export type AuditLogEntry = AuditEntry & { customerEmail: string | null };

/** Entries newest first, a page at a time (keyset paging on `at`, `id`); `next` is the cursor of the page after. */
export async function listAuditPage(
  db: Db,
  query: AuditPageQuery,
): Promise<{ entries: AuditLogEntry[]; next: { at: number; id: string } | null }> {
  const filters: (SQL | undefined)[] = [
    query.customerId ? eq(auditLog.customerId, query.customerId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.actor ? eq(auditLog.actor, query.actor) : undefined,
    query.before
      ? or(lt(auditLog.at, query.before.at), and(eq(auditLog.at, query.before.at), lt(auditLog.id, query.before.id)))
      : undefined,
  ];
  const rows = await db
    .select({ entry: auditLog, customerEmail: customers.email })
    .from(auditLog)
    .leftJoin(customers, eq(customers.id, auditLog.customerId))
    .where(and(...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit + 1);
  const entries = rows.slice(0, query.limit).map(({ entry, customerEmail }) => ({ ...entry, customerEmail }));
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > query.limit && last ? { at: last.at, id: last.id } : null };
}
