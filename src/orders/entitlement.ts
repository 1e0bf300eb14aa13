// What a customer's orders entitle them to: the GB of each order that still count, and the cap and expiry of all of
// them together, from D1 alone. Pure.
import { type AnyColumn, sql } from 'drizzle-orm';
import type { Order } from '../../schema.ts';
import { DAY_MS } from '../time.ts';

/** Statuses of orders whose GB may still count (paid, and refunded ones, whose refunded GB are taken off). */
export const ENTITLED_STATUSES = ['paid', 'refunded'] as const;

/**
 * The GB of an order that still count towards the customer's cap: bought (or granted), less what refunds took back
 * and what disputes hold. The ONE definition, used by the entitlement and the ledger in TypeScript and by the
 * checkout's reservation in SQL (`openGbOf`): change both together.
 */
export function openGb(order: Pick<Order, 'gb' | 'refundedGb' | 'heldGb'>): number {
  return Math.max(0, order.gb - order.refundedGb - order.heldGb);
}

/** `openGb` in SQL, over `orders` or an alias of it. */
export function openGbOf(table: { gb: AnyColumn; refundedGb: AnyColumn; heldGb: AnyColumn }) {
  return sql<number>`max(0, ${table.gb} - ${table.refundedGb} - ${table.heldGb})`;
}

export interface Entitlement {
  /** Paid GB not refunded or held by a dispute, of every order, whichever key generation holds them. */
  capGb: number;
  /** When the key expires (unix ms); null when a purchase without validity is still open, or nothing was bought. */
  expiresAt: number | null;
  /** Orders that count (paid with open GB). */
  orderIds: string[];
}

/**
 * What a customer's purchases entitle them to. Validity stacks like the platform's top-up: in payment order, each
 * purchase extends `max(expiry, paidAt)` by its validity days. The same orders always give the same answer,
 * whatever order the events arrived in.
 */
export function entitlementOf(rows: readonly Order[]): Entitlement {
  const open = rows
    .flatMap((o) =>
      (o.status === 'paid' || o.status === 'refunded') && o.paidAt !== null && openGb(o) > 0
        ? [{ ...o, paidAt: o.paidAt }]
        : [],
    )
    .sort((a, b) => a.paidAt - b.paidAt || a.id.localeCompare(b.id));
  let expiresAt: number | null = null;
  let unlimited = false;
  for (const o of open) {
    if (o.validityDays === null) unlimited = true;
    else expiresAt = Math.max(expiresAt ?? 0, o.paidAt) + o.validityDays * DAY_MS;
  }
  return {
    capGb: open.reduce((sum, o) => sum + openGb(o), 0),
    expiresAt: unlimited ? null : expiresAt,
    orderIds: open.map((o) => o.id),
  };
}
