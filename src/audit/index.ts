// The shop's own audit trail: who did what to which customer, when. Read by the dashboard and the console.
import { desc, eq } from 'drizzle-orm';
import { auditLog, type AuditEntry } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export interface AuditInput {
  /** `customer:<id>`, `admin:<email>` or `system`. */
  actor: string;
  action: string;
  customerId?: string | null;
  detail?: Record<string, unknown>;
  requestId?: string;
}

export function auditStatement(db: Db, entry: AuditInput) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    actor: entry.actor,
    action: entry.action,
    customerId: entry.customerId ?? null,
    detail: entry.detail ?? null,
    requestId: entry.requestId ?? null,
    at: Date.now(),
  });
}

export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await auditStatement(db, entry);
}

export function listAudit(db: Db, customerId: string, limit = 50): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(eq(auditLog.customerId, customerId)).orderBy(desc(auditLog.at)).limit(limit);
}
