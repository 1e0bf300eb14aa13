// The single source of truth for the shop's tables. Times are unix milliseconds; money is minor units.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    stripeCustomerId: text('stripe_customer_id'),
    /** Set by an operator; the reconcile keeps the key disabled while it is set. */
    suspendedAt: integer('suspended_at'),
    suspendedReason: text('suspended_reason'),
    createdAt: integer('created_at').notNull().default(now),
    lastSignInAt: integer('last_sign_in_at'),
    /** The customer turned usage and expiry reminders off (dashboard or the mail's unsubscribe link); receipts and
     * sign-in links are sent regardless. */
    remindersOffAt: integer('reminders_off_at'),
    /** The language the customer reads the app and their mail in (a shipped locale; set at sign-in from the page they
     * came from, changeable in the dashboard); null: the shop's DEFAULT_LOCALE. */
    locale: text('locale'),
  },
  // The console's list, newest first a page at a time (keyset on created_at, id). Search by email prefix uses the
  // unique index on email.
  (t) => [index('customers_created').on(t.createdAt, t.id)],
);

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
    /** The language of the page the link was asked from: its mail's, and the customer's once it is used. */
    locale: text('locale'),
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

/** What customers bought (a snapshot of the tier at checkout) or were granted, and what became of it. Owned by
 * src/orders/. */
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
    /** Pending: the tier's price. Paid: what Stripe charged for it, after discounts and before tax. */
    price: integer('price').notNull(),
    /** What promotion codes took off, and the tax Stripe added on top of `price` (minor units). */
    discount: integer('discount').notNull().default(0),
    tax: integer('tax').notNull().default(0),
    currency: text('currency').notNull(),
    validityDays: integer('validity_days'),
    /** GB taken back by refunds (whole GB, ≤ gb): the refunded share of what was charged, from `refundedAmount`. */
    refundedGb: integer('refunded_gb').notNull().default(0),
    /** What the order's refunds that did not fail add up to (tax included): recomputed from `refunds`, never counted. */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** Pending: Stripe is settling a delayed payment, so the GB stay reserved past the checkout's lifetime. */
    paymentSettling: integer('payment_settling', { mode: 'boolean' }).notNull().default(false),
    /** The key generation that holds this order's GB, set when the reconcile places the order. */
    keyGeneration: integer('key_generation'),
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
    // The purchases export, oldest first a page at a time (keyset on created_at, id).
    index('orders_created').on(t.createdAt, t.id),
  ],
);

/**
 * The customer's Proxies.sx keys, one row per key generation. New GB go to the 'current' key; when it would pass
 * the cap ceiling the shop opens the next generation, and the old key is 'retiring': it keeps working until
 * `grace_until`, is then switched off, its unused GB are carried into the current key, and it is 'retired' and
 * deleted upstream. Owned by src/keys/.
 */
export const poolKeys = sqliteTable(
  'pool_keys',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 1, 2, …: the customer's keys in the order they were opened. */
    generation: integer('generation').notNull(),
    state: text('state', { enum: ['current', 'retiring', 'retired'] }).notNull(),
    /** Retiring: the old key works until then. */
    graceUntil: integer('grace_until'),
    upstreamId: text('upstream_id'),
    /** Upstream keys minted for this generation so far (a vanished key is minted again): keys the mint's idempotency. */
    mints: integer('mints').notNull().default(0),
    /** AES-GCM ciphertext of the pak_ secret (base64), and its IV. */
    secretCiphertext: text('secret_ciphertext'),
    secretIv: text('secret_iv'),
    /** `pak_ab12…ef90`, safe to show before reveal. */
    secretMask: text('secret_mask'),
    /** The stored secret may be stale (a rotation whose check failed): the reconcile reads it from the platform. */
    secretCheck: integer('secret_check', { mode: 'boolean' }).notNull().default(false),
    /** What the upstream key was last made to match. */
    capGb: integer('cap_gb'),
    expiresAt: integer('expires_at'),
    enabled: integer('enabled', { mode: 'boolean' }),
    /** Whole GB used on earlier platform keys of this generation (a re-minted key's counter starts at 0). */
    spentGb: integer('spent_gb').notNull().default(0),
    /** Last known usage of the upstream key and when it was read (by the reconcile, checkout and cron only). */
    usedMb: real('used_mb').notNull().default(0),
    usedAt: integer('used_at'),
    /** A person switched the key off in the Proxies.sx panel: the shop never switches it back on. */
    upstreamDisabledAt: integer('upstream_disabled_at'),
    /** Retirement: when the key was switched off for its final reading, and the whole GB used on it by then. */
    switchedOffAt: integer('switched_off_at'),
    finalUsedGb: integer('final_used_gb'),
    /** Retired: the generation its unused GB went to, and how many (kept equal to its GB − final_used_gb by the
     * reconcile, so a later refund of one of its orders takes the GB back from where they went). */
    carriedInto: integer('carried_into'),
    carriedOutGb: integer('carried_out_gb'),
    deletedAt: integer('deleted_at'),
    /** When the customer was mailed about this generation (the "your key changed" mail, generation > 1). */
    announcedAt: integer('announced_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('pool_keys_generation').on(t.customerId, t.generation),
    // A customer's current key (every signed-in read) and their keys in one state (the checkout's carried GB).
    index('pool_keys_customer_state').on(t.customerId, t.state),
    uniqueIndex('pool_keys_upstream').on(t.upstreamId),
    index('pool_keys_state').on(t.state, t.graceUntil),
    // The reminders job walks the current keys a page at a time (keyset on id).
    index('pool_keys_state_id').on(t.state, t.id),
  ],
);

/**
 * Per customer: whether their keys owe a reconcile, the lease that keeps two reconciles from both calling the
 * upstream, and retry backoff. `demand` only moves forward, so a run can see that it was overtaken. Owned by src/keys/.
 */
export const keySyncs = sqliteTable(
  'key_syncs',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id),
    /** 'pending': reconcile owed; 'synced': the keys match D1; 'failed': retrying with backoff. */
    state: text('state', { enum: ['pending', 'synced', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    leaseUntil: integer('lease_until'),
    /** Who holds the lease: only they renew or release it. */
    leaseHolder: text('lease_holder'),
    demand: integer('demand').notNull(),
  },
  (t) => [index('key_syncs_due').on(t.state, t.nextAttemptAt)],
);

/** Stripe disputes (chargebacks and inquiries) of the shop's orders, one row per Stripe dispute id. Owned by
 * src/orders/. */
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
    /** `charge.dispute.funds_reinstated` arrived: the money came back (a won dispute, or a lost one withdrawn). */
    fundsReinstated: integer('funds_reinstated', { mode: 'boolean' }).notNull().default(false),
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

/**
 * Refunds of the shop's orders, one row per Stripe refund id (`re_…`), from the console or the Stripe dashboard: each
 * report of a refund updates its row, and the order's refunded amount is recomputed from the rows, so a refund that
 * fails later gives its GB back and replays never count twice. Owned by src/orders/.
 */
export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Minor units of the order's currency (tax included, as Stripe refunds it). */
    amount: integer('amount').notNull(),
    /** Stripe's: pending, requires_action, succeeded; failed or canceled count for nothing. */
    status: text('status').notNull(),
    /** Why a failed refund failed (lost_or_stolen_card, expired_or_canceled_card, unknown). */
    failureReason: text('failure_reason'),
    /** The console confirmation that asked for it (from the refund's metadata): it never refunds twice. */
    requestKey: text('request_key').unique(),
    createdAt: integer('created_at').notNull(),
    /** `created` of the latest event applied: an older report never overwrites a newer one. */
    eventAt: integer('event_at').notNull(),
  },
  (t) => [index('refunds_order').on(t.orderId), index('refunds_customer').on(t.customerId, t.createdAt)],
);

/**
 * Reminders mailed to a customer about one key generation: one row per key, kind and basis (the cap a usage
 * reminder was about, the expiry an expiry reminder was about), so each is sent once, and again only when a purchase
 * moved the cap or the expiry. `claimed_at` is taken in the statement that decides to send; `sent_at` once queued.
 * Owned by src/reminders/.
 */
export const reminders = sqliteTable(
  'reminders',
  {
    keyId: text('key_id')
      .notNull()
      .references(() => poolKeys.id),
    /** `usage:80`, `usage:95`, `cap`, `expiry:7`, `expiry:1`, `expired_unused`. */
    kind: text('kind').notNull(),
    /** The cap (GB) or the expiry (unix ms) the reminder was about. */
    basis: integer('basis').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    claimedAt: integer('claimed_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('reminders_once').on(t.keyId, t.kind, t.basis),
    index('reminders_customer').on(t.customerId, t.claimedAt),
  ],
);

/**
 * A customer's auto top-up: which tier to buy when, the monthly spending limit, and the saved card it is charged to.
 * Owned by src/refill/.
 */
export const autoTopUps = sqliteTable(
  'auto_top_ups',
  {
    customerId: text('customer_id')
      .primaryKey()
      .references(() => customers.id),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    tierId: text('tier_id').notNull(),
    /** 'gb_left': when fewer than `threshold` GB are left; 'days_left': when the key expires in fewer than `threshold` days. */
    trigger: text('trigger', { enum: ['gb_left', 'days_left'] }).notNull(),
    threshold: integer('threshold').notNull(),
    /** The most auto top-ups may charge in one calendar month (UTC), minor units of `currency`. */
    monthlyLimit: integer('monthly_limit').notNull(),
    currency: text('currency').notNull(),
    /** The card saved by a Checkout with `setup_future_usage: off_session`; null until then. */
    paymentMethodId: text('payment_method_id'),
    /** Set when a charge needs the customer (authentication, a declined card, no card yet): nothing is charged until
     * they pay on Stripe's page, which saves the card again and clears it. */
    pausedAt: integer('paused_at'),
    pausedReason: text('paused_reason', {
      enum: ['authentication_required', 'card_declined', 'no_card', 'payment_failed'],
    }),
    updatedAt: integer('updated_at').notNull(),
  },
  // The auto top-up job walks the customers with it on and not paused, a page at a time (keyset on customer_id).
  (t) => [index('auto_top_ups_active').on(t.enabled, t.pausedAt, t.customerId)],
);

/**
 * Each auto top-up charge: unique per customer, month and count, reserved in the statement that checks the monthly
 * limit and that no other charge is under way, before Stripe is called. Owned by src/refill/.
 */
export const autoTopUpCharges = sqliteTable(
  'auto_top_up_charges',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** `YYYY-MM` (UTC). */
    period: text('period').notNull(),
    /** 1, 2, … within the period: with the customer and period it makes the PaymentIntent's idempotency key. */
    count: integer('count').notNull(),
    /** The order it buys; null when nothing could be charged (no card saved). */
    orderId: text('order_id'),
    /** The tier's price (before tax): what the monthly limit counts. */
    amount: integer('amount').notNull(),
    /** Stripe Tax's tax on top (with CHECKOUT_AUTOMATIC_TAX), from the calculation linked to the PaymentIntent. */
    tax: integer('tax').notNull().default(0),
    taxCalculationId: text('tax_calculation_id'),
    currency: text('currency').notNull(),
    /**
     * 'charging': reserved, Stripe's answer not known yet; 'processing': Stripe took it and the bank settles it later
     * (a debit: days), the webhook says how it ended; 'succeeded'; 'failed' (counts for nothing); 'skipped'.
     */
    state: text('state', { enum: ['charging', 'processing', 'succeeded', 'failed', 'skipped'] }).notNull(),
    /** The one PaymentIntent of this charge, once Stripe answered (or a look-up found it): never a second one. */
    paymentIntentId: text('payment_intent_id'),
    /** When the cron next asks Stripe about a charge still under way (claimed by moving it, so one run asks). */
    nextCheckAt: integer('next_check_at'),
    failure: text('failure'),
    /** When the customer was mailed that this charge needs them (claimed before queueing, like receipts). */
    notifiedAt: integer('notified_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('auto_top_up_charges_once').on(t.customerId, t.period, t.count),
    index('auto_top_up_charges_state').on(t.state, t.nextCheckAt),
    index('auto_top_up_charges_order').on(t.orderId),
  ],
);

/**
 * Personal access tokens: a customer's scripts call /api/v1 with `Authorization: Bearer pst_…`. Only the token's
 * SHA-256 is stored; the token itself is shown once, when it is made. Owned by src/tokens/.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the whole token; a request's token is found by this hash. */
    tokenHash: text('token_hash').notNull().unique(),
    /** `pst_…` and the token's last 4 characters, so a customer can tell their tokens apart. */
    hint: text('hint').notNull(),
    /** What the token may do: `read` (proxy URLs, usage, key status) and `sessions` (close sessions). */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    /** Null: never expires. */
    expiresAt: integer('expires_at'),
    /** Written after the answer, at most once a minute per token. */
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_tokens_customer').on(t.customerId, t.createdAt)],
);

/** Stripe events applied, each inserted in the batch of the change it made (so a replay is a duplicate). Owned by
 * src/payments/. */
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

/**
 * One run of a scheduled job for one cron tick (its scheduled time). The cron's queue messages carry the tick, so a
 * message redelivered or duplicated, or a tick that comes while an earlier tick's run of the same job is still under
 * way, does no work twice. Owned by src/jobs/.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    tick: integer('tick').notNull(),
    /** How many parts (messages that complete) the run has, once known: its last page, or the sweep's fan-out, says. */
    parts: integer('parts'),
    startedAt: integer('started_at').notNull(),
    /** The last time a message of the run made progress: a run untouched for long is given up on. */
    touchedAt: integer('touched_at').notNull(),
    finishedAt: integer('finished_at'),
    outcome: text('outcome', { enum: ['done', 'failed'] }),
  },
  (t) => [primaryKey({ columns: [t.job, t.tick] }), index('job_runs_open').on(t.job, t.finishedAt, t.touchedAt)],
);

/** The parts of a job run that are done: a message of a done part delivered again does nothing. Owned by src/jobs/. */
export const jobParts = sqliteTable(
  'job_parts',
  {
    job: text('job').notNull(),
    tick: integer('tick').notNull(),
    part: integer('part').notNull(),
    doneAt: integer('done_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.tick, t.part] })],
);

/**
 * How the mail transport last did, one row (`transport`), written by the mail queue's consumer once per batch (see
 * src/mail/health.ts): sign-in, /api/healthz and the console read whether mail leaves.
 */
export const mailHealth = sqliteTable('mail_health', {
  id: text('id').primaryKey(),
  lastOkAt: integer('last_ok_at'),
  lastFailureAt: integer('last_failure_at'),
  /** Short and safe to show: a status or provider code (`cloudflare E_SENDER_NOT_VERIFIED`), never a recipient. */
  lastFailureReason: text('last_failure_reason'),
});

export type Customer = typeof customers.$inferSelect;
export type LoginToken = typeof loginTokens.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type PoolKeyRow = typeof poolKeys.$inferSelect;
export type KeySyncRow = typeof keySyncs.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ReminderRow = typeof reminders.$inferSelect;
export type AutoTopUpRow = typeof autoTopUps.$inferSelect;
export type AutoTopUpChargeRow = typeof autoTopUpCharges.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;
