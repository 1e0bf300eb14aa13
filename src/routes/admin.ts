// The operator console's API (/api/admin/*): every route needs a signed-in operator (ADMIN_EMAILS), and the
// actions that change a customer also need a sign-in from the last 10 minutes. Each action is audited by its domain.
import { type Context, Hono } from 'hono';
import {
  auditPage,
  CURSOR,
  customerDetail,
  customerOrders,
  customerTokens,
  endCustomerGrace,
  exportCsv,
  grantGb,
  listCustomers,
  overview,
  pricingView,
  REFUND_REASONS,
  refundOrder,
  rerunFulfilment,
  resendSignIn,
  revokeCustomerToken,
  rotateCustomerKey,
  suspendCustomer,
  unsuspendCustomer,
} from '../admin/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv, GuardedEnv } from '../http/context.ts';
import { idempotencyKeyHeader, requiredIdempotencyKey } from '../http/idempotency.ts';
import { askersLanguage } from '../http/locale.ts';
import {
  type OperatorVariables,
  requireAdmin,
  requireRecentSignIn,
  requireSession,
  signedInCustomer,
} from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { customerDailyUsage } from '../keys/index.ts';
import { PLATFORM_CAP_LIMIT_GB } from '../pool/index.ts';
import { autoTopUpView } from '../refill/index.ts';
import type { CustomersPage, OverviewAnswer } from '../shared/admin.ts';
import * as z from '../zod.ts';

/** Destructive actions need a sign-in from the last 10 minutes (as rotating a key does for a customer). */
const ADMIN_REAUTH_MS = 10 * 60_000;
const MAX_PAGE_SIZE = 50;
const MAX_AUDIT_PAGE = 100;

function wholeNumber(what: string, min: number, max: number) {
  return z
    .pipe(z.string().check(z.regex(/^\d{1,7}$/, `${what} must be a whole number`)), z.transform(Number))
    .check(z.refine((n) => n >= min && n <= max, `${what} must be from ${min} to ${max}`));
}

const customerId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a customer id'));
const customerParam = z.object({ id: customerId });
const orderParam = z.object({
  id: customerId,
  orderId: z.string().check(z.regex(/^ord_[0-9a-f]{32}$/, 'is not an order id')),
});
const tokenParam = z.object({
  id: customerId,
  tokenId: z.string().check(z.regex(/^tok_[0-9a-f]{32}$/, 'is not a token id')),
});
const cursor = z.string().check(z.regex(CURSOR, 'is not a cursor from a previous page'));
const customersQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(200))),
  before: z.optional(cursor),
  after: z.optional(cursor),
  pageSize: z.optional(wholeNumber('pageSize', 1, MAX_PAGE_SIZE)),
});
const ordersQuery = z.object({ before: cursor });
const auditQuery = z.object({
  customerId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a customer id'))),
  action: z.optional(z.string().check(z.regex(/^[a-z_.]{1,64}$/, 'is not an action name'))),
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(320))),
  before: z.optional(cursor),
  limit: z.optional(wholeNumber('limit', 1, MAX_AUDIT_PAGE)),
});
const suspendBody = z.object({ reason: z.optional(z.nullable(z.string().check(z.maxLength(500)))) });
const grantBody = z.object({
  gb: z.int().check(z.minimum(1), z.maximum(PLATFORM_CAP_LIMIT_GB)),
  validityDays: z.optional(z.int().check(z.minimum(0), z.maximum(3650))),
  note: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
});

const refundBody = z.object({
  /** Minor units of the order's currency; the whole rest of the order when absent. */
  amount: z.optional(z.int().check(z.minimum(1), z.maximum(100_000_000))),
  reason: z.optional(z.enum(REFUND_REASONS)),
});

const recent = requireRecentSignIn(ADMIN_REAUTH_MS);

async function csvResponse<E extends GuardedEnv<OperatorVariables>>(c: Context<E>, what: 'customers' | 'purchases') {
  const { filename, body } = await exportCsv(c.var.services, c.var.operator, what);
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

export const admin = new Hono<AppEnv>()
  // The console acts on what is true now: every read from the primary.
  .use(readsFrom('primary'), requireSession, requireAdmin)
  .get('/overview', async (c) =>
    c.json({
      ...(await overview(c.var.services)),
      operator: signedInCustomer(c.var.identity),
    } satisfies OverviewAnswer),
  )
  .get('/customers', validate('query', customersQuery), async (c) => {
    const { pageSize = 25, ...query } = c.req.valid('query');
    const found = await listCustomers(c.var.services, { ...query, pageSize });
    return c.json({ ...found, pageSize } satisfies CustomersPage);
  })
  .get('/customers/:id', validate('param', customerParam), async (c) =>
    c.json(await customerDetail(c.var.services, c.req.valid('param').id)),
  )
  .get('/customers/:id/orders', validate('param', customerParam), validate('query', ordersQuery), async (c) =>
    c.json(await customerOrders(c.var.services, c.req.valid('param').id, c.req.valid('query').before)),
  )
  /** The same daily series as the customer's dashboard shows (the last 30 days). */
  .get('/customers/:id/usage', validate('param', customerParam), async (c) =>
    c.json(await customerDailyUsage(c.var.services, c.req.valid('param').id, 30)),
  )
  .get('/customers/:id/auto-top-up', validate('param', customerParam), async (c) =>
    c.json(await autoTopUpView(c.var.services, c.req.valid('param').id, await askersLanguage(c))),
  )
  .post('/customers/:id/suspend', recent, validate('param', customerParam), validate('json', suspendBody), async (c) =>
    c.json(
      await suspendCustomer(
        c.var.services,
        c.var.operator,
        c.req.valid('param').id,
        c.req.valid('json').reason?.trim() || null,
      ),
    ),
  )
  .post('/customers/:id/unsuspend', recent, validate('param', customerParam), async (c) =>
    c.json(await unsuspendCustomer(c.var.services, c.var.operator, c.req.valid('param').id)),
  )
  .post('/customers/:id/grant', recent, validate('param', customerParam), validate('json', grantBody), async (c) => {
    const { gb, validityDays, note } = c.req.valid('json');
    return c.json(
      await grantGb(c.var.services, c.var.operator, c.req.valid('param').id, {
        gb,
        validityDays,
        note: note?.trim() || null,
      }),
    );
  })
  .post('/customers/:id/rotate-key', recent, validate('param', customerParam), async (c) =>
    c.json(await rotateCustomerKey(c.var.services, c.var.operator, c.req.valid('param').id, idempotencyKeyHeader(c))),
  )
  .post('/customers/:id/end-grace', recent, validate('param', customerParam), async (c) =>
    c.json(await endCustomerGrace(c.var.services, c.var.operator, c.req.valid('param').id)),
  )
  .post('/customers/:id/refulfil', recent, validate('param', customerParam), async (c) =>
    c.json(await rerunFulfilment(c.var.services, c.var.operator, c.req.valid('param').id)),
  )
  .post(
    '/customers/:id/orders/:orderId/refund',
    recent,
    validate('param', orderParam),
    // One key per confirmed dialog: a retried click (or a retry after a timeout) refunds once.
    validate('header', requiredIdempotencyKey),
    validate('json', refundBody),
    async (c) => {
      const { id, orderId } = c.req.valid('param');
      return c.json(
        await refundOrder(c.var.services, c.var.operator, id, orderId, {
          ...c.req.valid('json'),
          clientKey: c.req.valid('header')['idempotency-key'],
        }),
      );
    },
  )
  .get('/customers/:id/tokens', validate('param', customerParam), async (c) =>
    c.json(await customerTokens(c.var.services, c.req.valid('param').id)),
  )
  .post('/customers/:id/tokens/:tokenId/revoke', recent, validate('param', tokenParam), async (c) => {
    const { id, tokenId } = c.req.valid('param');
    return c.json(await revokeCustomerToken(c.var.services, c.var.operator, id, tokenId));
  })
  .post('/customers/:id/resend-sign-in', validate('param', customerParam), async (c) =>
    c.json(await resendSignIn(c.var.services, c.var.operator, c.req.valid('param').id)),
  )
  .get('/audit', validate('query', auditQuery), async (c) => {
    const { limit = 50, ...filters } = c.req.valid('query');
    return c.json(await auditPage(c.var.services, { ...filters, limit }));
  })
  .get('/pricing', async (c) => c.json(await pricingView(c.var.services)))
  .get('/export/customers.csv', (c) => csvResponse(c, 'customers'))
  .get('/export/purchases.csv', (c) => csvResponse(c, 'purchases'));
