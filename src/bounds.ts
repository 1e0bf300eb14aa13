// How much work one invocation of the Worker may do: Cloudflare's documented per-invocation limits (Workers Paid,
// read 2026-12-07: D1, Workers and Queues "Limits" pages), and the shop's own bounds per queue message and per
// request, each chosen from them with a wide margin. The one module of these numbers (README "Limits at scale").
// A job message is one consumer invocation (the jobs queue's max_batch_size is 1), so a message's bounds are the
// invocation's.

/** D1: bound parameters one statement may carry. */
export const D1_MAX_BOUND_PARAMETERS = 100;
/** D1: queries one Worker invocation may make (Workers Paid; 50 on Free). A batch's statements count one each. */
export const D1_QUERIES_PER_INVOCATION = 1_000;
/** Workers: subrequests (fetch, and the D1, KV, Queues and Cache calls) per invocation on Workers Paid. */
export const SUBREQUESTS_PER_INVOCATION = 10_000;
/** Queues: one message's body (1 KB = 1,000 bytes, ~100 of them the platform's own metadata). */
export const QUEUE_MESSAGE_BYTES = 128_000;
/** Queues: one sendBatch call carries at most this many messages, and this many bytes in all. */
export const QUEUE_SEND_BATCH_MESSAGES = 100;
export const QUEUE_SEND_BATCH_BYTES = 256_000;

/** Ids in one `IN (…)` list: the statement keeps room for 10 more parameters of its own. */
export const IN_LIST_MAX_IDS = 90;

/**
 * What one job message (one invocation) may spend at most: a quarter of D1's query limit and a twentieth of the
 * subrequest limit. Each job's page size below is chosen so that its worst case stays under both; `npm run
 * bench:scale` measures every invocation against them and fails when one is passed.
 */
export const MESSAGE_MAX_D1_QUERIES = D1_QUERIES_PER_INVOCATION / 4;
export const MESSAGE_MAX_SUBREQUESTS = SUBREQUESTS_PER_INVOCATION / 20;

/**
 * The usage sweep's page: platform keys carried in one message body as `[id, enabled, usedMB]` (≤ 45 bytes each,
 * so ≤ 45 KB: a third of a message), compared with the D1 rows of the same id range in one read and written back in
 * at most two statements.
 */
export const SWEEP_KEYS_PER_MESSAGE = 1_000;
/** D1 rows one sweep message reads: past it (keys the platform no longer lists), the range goes on in a next message. */
export const SWEEP_ROWS_PER_MESSAGE = 2_000;
/** Reminders one message sends: ≤ 4 D1 queries and 1 queue send each (≤ 210 queries with the page's reads). */
export const REMINDERS_PER_MESSAGE = 50;
/** Auto top-ups one message looks at: ≤ 9 D1 queries and 1 Stripe call each when due (≤ 230 queries). */
export const AUTO_TOP_UPS_PER_MESSAGE = 25;
/** Reconciles one message runs: ≤ 20 D1 queries and ≤ 10 platform calls each. */
export const RECONCILES_PER_MESSAGE = 10;
/** Customers one message marks owed for a retirement step: one read, one batch of this many writes. */
export const RETIREMENTS_PER_MESSAGE = 100;
/** Missing receipts one message queues: ≤ 3 D1 queries and 1 queue send each. */
export const RECEIPTS_PER_MESSAGE = 50;
/** Rows one message deletes per table of retention (4 tables, one statement each). */
export const RETENTION_ROWS_PER_MESSAGE = 1_000;

/**
 * A console CSV export reads this many rows per query (one query per page, the page's own rows joined in SQL), so a
 * 100,000-customer export is 100 queries, a tenth of the invocation's limit.
 */
export const EXPORT_ROWS_PER_QUERY = 1_000;
