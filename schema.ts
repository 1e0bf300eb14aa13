// The single source of truth for the shop's tables. Times are unix milliseconds; money is minor units.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

export const customers = sqliteTable('customers', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  stripeCustomerId: text('stripe_customer_id'),
  /** Set by an operator; the reconcile keeps the key disabled while it is set. */
  suspendedAt: integer('suspended_at'),
  suspendedReason: text('suspended_reason'),
  createdAt: integer('created_at').notNull().default(now),
  lastSignInAt: integer('last_sign_in_at'),
});

export const loginTokens = sqliteTable(
  'login_tokens',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    /**
     * Who asked for it: a keyed hash of the requesting network (an IPv4 address or an IPv6 /64), or of the console
     * for an operator's resend. Links are counted and voided per address and requester, so nobody's requests use up
     * or void another's.
     */
    requester: text('requester').notNull().default(''),
    /** SHA-256 (hex) of the raw token; the raw token only ever exists in the emailed URL. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Same-origin path to continue to after sign-in (e.g. /checkout/pro). */
    redirectTo: text('redirect_to'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    consumedAt: integer('consumed_at'),
    voidedAt: integer('voided_at'),
  },
  (t) => [
    index('login_tokens_email_requester').on(t.email, t.requester, t.createdAt),
    // The shop-wide hourly count of sign-in mails.
    index('login_tokens_created').on(t.createdAt),
    // The retention sweep.
    index('login_tokens_expires').on(t.expiresAt),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** When the magic link behind this session was used: "recent sign-in" checks read it. */
    signedInAt: integer('signed_in_at').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_customer').on(t.customerId),
    // The retention sweep (ended sessions: expired or revoked).
    index('sessions_expires').on(t.expiresAt),
    index('sessions_revoked').on(t.revokedAt),
  ],
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 'purchase' through Stripe, or 'grant' of free GB by an operator (price 0). */
    kind: text('kind', { enum: ['purchase', 'grant'] })
      .notNull()
      .default('purchase'),
    status: text('status', { enum: ['pending', 'paid', 'failed', 'expired', 'refunded'] }).notNull(),
    stripeSessionId: text('stripe_session_id').unique(),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    // Snapshot of what was sold, never re-read from config.
    tierId: text('tier_id').notNull(),
    tierName: text('tier_name').notNull(),
    gb: integer('gb').notNull(),
    price: integer('price').notNull(),
    currency: text('currency').notNull(),
    validityDays: integer('validity_days'),
    /** GB taken back by refunds (whole GB, ≤ gb). */
    refundedGb: integer('refunded_gb').notNull().default(0),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** GB held back by the order's disputes (open or lost): the sum of `disputes.held_gb`, recomputed, never counted. */
    heldGb: integer('held_gb').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    paidAt: integer('paid_at'),
    receiptSentAt: integer('receipt_sent_at'),
  },
  (t) => [
    index('orders_customer').on(t.customerId, t.createdAt),
    // By status (the console's figures), and the receipts sweep: paid, receipt not sent, paid before a moment.
    index('orders_status_receipt').on(t.status, t.receiptSentAt, t.paidAt),
    // A refund names its PaymentIntent.
    index('orders_payment_intent').on(t.stripePaymentIntentId),
  ],
);

export const poolKeys = sqliteTable(
  'pool_keys',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id),
    upstreamId: text('upstream_id'),
    /** AES-GCM ciphertext of the pak_ secret (base64), and its IV. */
    secretCiphertext: text('secret_ciphertext'),
    secretIv: text('secret_iv'),
    /** `pak_ab12…ef90`, safe to show before reveal. */
    secretMask: text('secret_mask'),
    /** What the upstream key was last made to match. */
    capGb: integer('cap_gb'),
    expiresAt: integer('expires_at'),
    enabled: integer('enabled', { mode: 'boolean' }),
    /** 'pending': reconcile owed; 'synced': matches D1; 'failed': retrying with backoff. */
    syncState: text('sync_state', { enum: ['pending', 'synced', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    /** Lease so that concurrent reconciles of one customer do not both call the upstream. */
    leaseUntil: integer('lease_until'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('pool_keys_upstream').on(t.upstreamId), index('pool_keys_sync').on(t.syncState, t.nextAttemptAt)],
);

/** Stripe disputes (chargebacks and inquiries) of the shop's orders, one row per Stripe dispute id. */
export const disputes = sqliteTable(
  'disputes',
  {
    /** Stripe's id (`du_…`): every event of one dispute updates this one row. */
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    chargeId: text('charge_id').notNull(),
    /** Disputed amount, minor units of `currency` (may be part of the order). */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    /** Stripe's status: warning_needs_response … needs_response, under_review … won, lost, warning_closed, prevented. */
    status: text('status').notNull(),
    /** GB of the order this dispute takes out of the cap: its share while open or lost, 0 once won or closed. */
    heldGb: integer('held_gb').notNull(),
    /** When the customer disputed (Stripe's `created`). */
    createdAt: integer('created_at').notNull(),
    /** `created` of the latest event applied: an older event never overwrites a newer one. */
    eventAt: integer('event_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [
    index('disputes_customer').on(t.customerId, t.createdAt),
    index('disputes_order').on(t.orderId),
    index('disputes_closed').on(t.closedAt),
  ],
);

export const stripeEvents = sqliteTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
  },
  // The retention sweep.
  (t) => [index('stripe_events_processed').on(t.processedAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** `customer:<id>`, `admin:<email>` or `system`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    customerId: text('customer_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    requestId: text('request_id'),
    at: integer('at').notNull(),
  },
  (t) => [index('audit_customer').on(t.customerId, t.at), index('audit_at').on(t.at)],
);

export const mailFailures = sqliteTable(
  'mail_failures',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  // The retention sweep and the console's "last 7 days".
  (t) => [index('mail_failures_at').on(t.at)],
);

export type Customer = typeof customers.$inferSelect;
export type LoginToken = typeof loginTokens.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type PoolKeyRow = typeof poolKeys.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
