// Billing API types shared by the Worker and the SPA. Pure: no runtime imports.

export type PurchaseStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';

/** One order as the customer sees it: what was sold (the snapshot at checkout) and what happened to it. */
export interface Purchase {
  id: string;
  tierId: string;
  tierName: string;
  gb: number;
  /** Minor units in `currency`. */
  price: number;
  currency: string;
  validityDays: number | null;
  status: PurchaseStatus;
  refundedGb: number;
  refundedAmount: number;
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
