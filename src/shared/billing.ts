// Billing API types shared by the Worker and the SPA, the one rule turning money back into GB, and a plan by its name in
// the reader's language. Pure: no imports.

/**
 * The whole GB that `amount` of an order's `price` stands for, rounded UP and at most `gb`: what a refund or a
 * dispute of that amount takes out of the cap, so the shop never leaves more traffic than was paid for.
 */
export function gbForAmount(gb: number, amount: number, price: number): number {
  if (price <= 0) return amount > 0 ? gb : 0;
  const share = Math.min(Math.max(0, amount), price);
  return Math.min(gb, Math.floor((gb * share + price - 1) / price));
}

/** A plan by its name in the reader's language (`tiers`, the plans on sale named in it), else by the name it was sold
 * under (no longer on sale, or a record from before the id was kept). */
export function planName(plan: { tierId?: string; tierName: string }, tiers: readonly { id: string; name: string }[]) {
  return tiers.find((tier) => tier.id === plan.tierId)?.name ?? plan.tierName;
}

export type PurchaseStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';

/**
 * How an order came about: bought at Stripe Checkout, charged to the saved card by auto top-up, or free GB an
 * operator granted.
 */
export type PurchaseKind = 'checkout' | 'auto_top_up' | 'grant';

/** One order as the customer sees it: what was sold (the snapshot at checkout) and what happened to it. */
export interface Purchase {
  id: string;
  kind: PurchaseKind;
  tierId: string;
  tierName: string;
  gb: number;
  /** Minor units in `currency`: pending, the tier's price; paid, what was charged before tax (after any discount). */
  price: number;
  /** What a promotion code took off the tier's price, and the tax added on top (0 without them). */
  discount: number;
  tax: number;
  currency: string;
  validityDays: number | null;
  status: PurchaseStatus;
  refundedGb: number;
  /** Refunded so far, tax included (refunds that failed do not count). */
  refundedAmount: number;
  /** GB held out of the cap by the order's disputes (open, or lost). */
  heldGb: number;
  /** Unix ms. */
  createdAt: number;
  paidAt: number | null;
}

/**
 * The customer's proxy key as far as the shop knows, without an upstream call.
 * - none: nothing bought yet · provisioning: paid, key being created · updating: key exists, a change is on its way
 * - ready: matches what was paid for · retrying: the upstream failed, the shop retries on its own
 */
export type KeyStatus = 'none' | 'provisioning' | 'updating' | 'ready' | 'retrying';

export interface KeySummary {
  status: KeyStatus;
  capGb: number | null;
  /** Unix ms; null = no expiry (or no key). */
  expiresAt: number | null;
  enabled: boolean | null;
  /** `pak_ab12…ef90` once minted. */
  secretMask: string | null;
}

export interface CheckoutAnswer {
  url: string;
}

export interface OrderStatusAnswer {
  order: Purchase;
  key: KeySummary;
}

export interface PurchasesAnswer {
  purchases: Purchase[];
}
