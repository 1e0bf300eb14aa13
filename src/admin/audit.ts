// The console's view of the shop's audit log: entries newest first, a page at a time, with an opaque cursor.
import type { AuditEntry } from '../../schema.ts';
import { listAuditPage } from '../audit/index.ts';
import type { Services } from '../services/index.ts';
import type { AuditPage, AuditView } from '../shared/admin.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export function auditView(entry: AuditEntry): AuditView {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action,
    customerId: entry.customerId,
    detail: entry.detail,
    requestId: entry.requestId,
    at: entry.at,
  };
}

export interface AuditPageInput {
  customerId?: string;
  action?: string;
  actor?: string;
  /** A cursor from a previous page (cursor.ts). */
  before?: string;
  limit: number;
}

export async function auditPage({ db }: Pick<Services, 'db'>, input: AuditPageInput): Promise<AuditPage> {
  const { before, ...filters } = input;
  const page = await listAuditPage(db, { ...filters, before: before ? decodeCursor(before) : undefined });
  return { entries: page.entries.map(auditView), next: page.next ? encodeCursor(page.next) : null };
}
