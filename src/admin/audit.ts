// The console's view of the shop's audit log: entries newest first, a page at a time, with an opaque cursor.
import type { AuditEntry } from '../../schema.ts';
import { listAuditPage } from '../audit/index.ts';
import type { Services } from '../services/index.ts';
import type { AuditPage, AuditView } from '../shared/admin.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** An entry as the console shows it; `customerEmail`: the address of the customer it is about, when known. */
export function auditView(entry: AuditEntry, customerEmail: string | null): AuditView {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action,
    customerId: entry.customerId,
    customerEmail,
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
  return {
    entries: page.entries.map((e) => auditView(e, e.customerEmail)),
    next: page.next ? encodeCursor(page.next) : null,
  };
}
