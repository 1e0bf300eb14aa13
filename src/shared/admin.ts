// Types of the operator console API (/api/admin/*), shared by the Worker and the SPA's admin chunk. Pure.
import type { IncidentSummary, SignedInCustomer } from './api.ts';
import type { Purchase } from './billing.ts';

/** Money per currency (minor units): a shop may have changed currency, and snapshots keep the old one. */
export type MoneyByCurrency = Record<string, number>;

/**
 * A customer's standing at a glance.
 * - suspended: an operator suspended them · no_key: nothing bought · provisioning/updating/retrying: a change is
 *   on its way (retrying: the upstream failed) · active · disabled (cap reached, refunded) · expired
 * - provider_disabled: a person switched the key off in the Proxies.sx panel; the shop leaves it off
 */
export type CustomerStatus =
  | 'suspended'
  | 'provider_disabled'
  | 'no_key'
  | 'provisioning'
  | 'updating'
  | 'retrying'
  | 'active'
  | 'disabled'
  | 'expired';

export interface CustomerRow {
  id: string;
  email: string;
  createdAt: number;
  lastSignInAt: number | null;
  suspendedAt: number | null;
  /** Paid (or partly refunded) Stripe purchases. */
  purchases: number;
  /** Net of refunds, per currency. */
  spent: MoneyByCurrency;
  /** The key's cap as the shop last set it. */
  capGb: number | null;
  /** GB used as the cron's usage sweep last read it (every 5 minutes); null before the first reading. */
  usedGb: number | null;
  expiresAt: number | null;
  status: CustomerStatus;
}

export interface CustomersPage {
  customers: CustomerRow[];
  pageSize: number;
  /** How many customers match the search; null without one (the front page counts every customer). */
  total: number | null;
  /** Cursors of the page of older customers (`before`) and of newer ones (`after`); null where the list ends. */
  next: string | null;
  prev: string | null;
}

/** A page of a customer's older orders (GET /api/admin/customers/:id/orders?before=). */
export interface OrdersPage {
  orders: AdminOrder[];
  /** The cursor of the page after it, null at the customer's first order. */
  ordersNext: string | null;
}

/** An order as the operator sees it: the customer's view plus its Checkout Session. */
export interface AdminOrder extends Purchase {
  stripeSessionId: string | null;
}

/** A Stripe dispute (chargeback or inquiry) of one of the customer's orders. */
export interface DisputeView {
  id: string;
  orderId: string;
  /** Disputed amount, minor units of `currency`. */
  amount: number;
  currency: string;
  /** Stripe's reason, e.g. `fraudulent`. */
  reason: string;
  /** Stripe's status: warning_needs_response, needs_response, under_review, won, lost, warning_closed, … */
  status: string;
  /** Not decided yet: answer it in the Stripe dashboard before its deadline. */
  open: boolean;
  /** GB of the order it keeps out of the cap (0 once won, or once the money came back). */
  heldGb: number;
  /** The disputed money came back (won, or a lost dispute the cardholder withdrew). */
  fundsReinstated: boolean;
  createdAt: number;
  closedAt: number | null;
}

/** A Stripe refund of one of the customer's orders (from the console or the Stripe dashboard). */
export interface RefundView {
  id: string;
  orderId: string;
  /** Minor units of the order's currency, tax included. */
  amount: number;
  currency: string;
  /** Stripe's: pending, requires_action, succeeded, failed or canceled. */
  status: string;
  /** Why a failed refund failed: lost_or_stolen_card, expired_or_canceled_card, unknown. */
  failureReason: string | null;
  createdAt: number;
}

/** An open dispute on the overview, with whose it is. */
export interface OpenDispute extends DisputeView {
  customerId: string;
  email: string;
}

export interface AuditView {
  id: string;
  /** `customer:<id>`, `admin:<email>`, `system` … */
  actor: string;
  action: string;
  customerId: string | null;
  /** The address of the customer the entry is about (null when none, or they are gone). */
  customerEmail: string | null;
  detail: Record<string, unknown> | null;
  requestId: string | null;
  at: number;
}

/** One of a customer's keys: they are rolled onto a new one when a key would pass the cap ceiling. */
export interface AdminKeyGeneration {
  generation: number;
  /** current: new GB go here · retiring: still works until `graceUntil` · retired: its unused GB moved on */
  state: 'current' | 'retiring' | 'retired';
  upstreamId: string | null;
  secretMask: string | null;
  /** GB that count on it: its orders' (net of refunds) plus what was carried into it. */
  gb: number;
  /** Whole GB used on it, as last read (retired: when it was switched off). */
  usedGb: number;
  graceUntil: number | null;
  /** Retired: how many GB it carried into which generation, and when it was deleted upstream. */
  carriedOutGb: number | null;
  carriedInto: number | null;
  deletedAt: number | null;
  /** When the shop saw that a person switched it off in the Proxies.sx panel (the shop leaves it off). */
  upstreamDisabledAt: number | null;
  createdAt: number;
}

/** The shop's record of the current key (never the secret) and the platform's live view of it. */
export interface AdminKeyState {
  generation: number;
  upstreamId: string | null;
  secretMask: string | null;
  capGb: number | null;
  expiresAt: number | null;
  enabled: boolean | null;
  syncState: 'pending' | 'synced' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  /** null when there is no key upstream or the platform could not be asked (see `upstreamError`). */
  upstream: {
    enabled: boolean;
    capGb: number | null;
    usedGb: number;
    expiresAt: string | null;
    isExpired: boolean | null;
    lastUsedAt: string | null;
  } | null;
  upstreamError: string | null;
  /** The platform's own audit events of this key, newest first. */
  upstreamAudit: { action: string; at: string; authMethod: string | null }[];
  /** A person switched the key off in the Proxies.sx panel (unix ms when the shop saw it); null otherwise. */
  upstreamDisabledAt: number | null;
  /** Every generation of the customer's keys, newest first. */
  generations: AdminKeyGeneration[];
}

export interface CustomerDetail {
  customer: {
    id: string;
    email: string;
    createdAt: number;
    lastSignInAt: number | null;
    suspendedAt: number | null;
    suspendedReason: string | null;
    activeSessions: number;
  };
  status: CustomerStatus;
  /** The newest orders; `ordersNext` is the cursor of the older ones (GET …/orders?before=), null when none. */
  orders: AdminOrder[];
  ordersNext: string | null;
  disputes: DisputeView[];
  refunds: RefundView[];
  /** null when no key was ever owed. */
  key: AdminKeyState | null;
  audit: AuditView[];
  /** The most GB a customer can hold at a time (CAP_CEILING_GB): no grant goes past it. */
  capCeilingGb: number;
}

export interface AuditPage {
  entries: AuditView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export interface DayPoint {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  amount: number;
  orders: number;
}

export interface TierRevenue {
  tierId: string;
  tierName: string;
  currency: string;
  orders: number;
  gb: number;
  /** Net of refunds. */
  amount: number;
}

export interface KeyAttention {
  customerId: string;
  email: string;
  capGb: number | null;
  usedGb: number | null;
  expiresAt: number | null;
  why: 'near_cap' | 'at_cap' | 'expiring' | 'expired';
}

export interface FulfilmentIssue {
  customerId: string;
  email: string;
  syncState: 'pending' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  since: number;
}

export interface Overview {
  customers: number;
  payingCustomers: number;
  suspendedCustomers: number;
  revenue: MoneyByCurrency;
  /** The last `days` days, zero-filled, in the shop's currency. */
  revenueByDay: { currency: string; days: DayPoint[] };
  revenueByTier: TierRevenue[];
  gb: {
    /** Paid GB net of refunds. */
    sold: number;
    granted: number;
    /** Summed over the shop's working keys as the cron's usage sweep last read them (every 5 minutes). */
    used: number;
  };
  attention: KeyAttention[];
  /** Customers with an open dispute: their disputed GB are held until it is decided. */
  disputes: { open: number; list: OpenDispute[] };
  fulfilment: { pending: number; failed: number; issues: FulfilmentIssue[]; failedPayments: number };
  deadLetterMail: { total: number; last7Days: number };
  /** Sign-in mails in the last hour, the challenge's threshold (null: no challenge set up) and the ceiling for new
   * addresses; existing customers and operators are never held. */
  signInMail: {
    lastHour: number;
    perHour: number;
    challengeAfter: number | null;
    challenging: boolean;
    newPaused: boolean;
  };
  /**
   * Whether mail leaves: failing (sign-in answers 503) while the transport's latest outcome is a failure younger
   * than MAIL_FAILURE_WINDOW_MINUTES, with its reason; when a message last left.
   */
  mail: { ok: boolean; lastOkAt: number | null; lastFailureAt: number | null; reason: string | null };
  upstream: { ok: boolean; incidents: IncidentSummary[]; incidentsStale: boolean | null };
  generatedAt: number;
}

/** GET /api/admin/overview: the console's front page, and the operator asking (so a load of /admin asks who is
 * signed in once). */
export interface OverviewAnswer extends Overview {
  operator: SignedInCustomer;
}

export interface WholesaleRate {
  /** Where in the platform's answer it was found, e.g. `pools.mbl`. */
  label: string;
  /** Per GB, in minor units of `currency`. */
  perGb: number;
  currency: string;
  /** True when the answer named no currency and USD was assumed. */
  currencyAssumed: boolean;
}

export interface TierPricing {
  id: string;
  name: string;
  gb: number;
  price: number;
  currency: string;
  /** Minor units per GB. */
  retailPerGb: number;
  /** Against each wholesale rate in the same currency: retail per GB minus wholesale per GB. */
  margins: { label: string; perGb: number; marginPerGb: number; marginPct: number }[];
}

export interface PricingView {
  tiers: TierPricing[];
  rates: WholesaleRate[];
  /** The platform's answer as it came (public data), or null when it could not be read. */
  raw: unknown;
  error: string | null;
  fetchedAt: number | null;
}

export type AdminActionName =
  | 'suspend'
  | 'unsuspend'
  | 'grant'
  | 'rotate_key'
  | 'end_grace'
  | 'resend_sign_in'
  | 'refulfil'
  | 'refund'
  | 'revoke_token';

export interface AdminActionAnswer {
  action: AdminActionName;
  /** What happened, in a sentence for the operator. */
  message: string;
  /** The reconcile's outcome when the action ran one. */
  reconcile?: 'synced' | 'busy' | 'nothing' | 'pending' | 'failed';
}
