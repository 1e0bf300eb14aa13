// One customer bench:scale seeds, as it hands them to the instrumented Worker (seed.ts). Pure.

/** A customer after a paid purchase was fulfilled: the order, its key, and auto top-up when on. */
export interface SeedCustomer {
  id: string;
  email: string;
  createdAt: number;
  orderId: string;
  tierId: string;
  tierName: string;
  gb: number;
  price: number;
  currency: string;
  validityDays: number;
  paidAt: number;
  keyId: string;
  upstreamId: string;
  expiresAt: number;
  autoTopUp: { stripeCustomer: string; paymentMethod: string; threshold: number; monthlyLimit: number } | null;
}
