// The operator console's API (/api/admin/*): every route needs a signed-in operator (ADMIN_EMAILS), and the
// actions that change a customer also need a sign-in from the last 10 minutes. Each action is audited by its domain.
import { type Context, Hono } from 'hono';
import {
  type ActionDeps,
  auditView,
  csvStream,
  customerCsv,
  customerDetail,
  grantGb,
  listCustomers,
  liveKeys,
  overview,
  pricingView,
  purchaseCsv,
  rerunFulfilment,
  resendSignIn,
  rotateCustomerKey,
  suspendCustomer,
  unsuspendCustomer,
} from '../admin/index.ts';
import { listAuditPage, recordAudit } from '../audit/index.ts';
import { getConfig, UPSTREAM_CAP_CEILING_GB } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import type { AppEnv } from '../http/context.ts';
import { requireAdmin, requireRecentSignIn, requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { createPoolClient } from '../pool/index.ts';
import type { AuditPage, CustomersPage } from '../shared/admin.ts';
import * as z from '../zod.ts';
import { availabilityDeps } from './availability.ts';

/** Destructive actions need a sign-in from the last 10 minutes (as rotating a key does for a customer). */
export const ADMIN_REAUTH_MS = 10 * 60_000;
export const MAX_PAGE_SIZE = 50;
const MAX_AUDIT_PAGE = 100;

function wholeNumber(what: string, min: number, max: number) {
  return z
    .pipe(z.string().check(z.regex(/^\d{1,7}$/, `${what} must be a whole number`)), z.transform(Number))
    .check(z.refine((n) => n >= min && n <= max, `${what} must be from ${min} to ${max}`));
}

const customerParam = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a customer id')) });
const customersQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(200))),
  page: z.optional(wholeNumber('page', 1, 100_000)),
  pageSize: z.optional(wholeNumber('pageSize', 1, MAX_PAGE_SIZE)),
});
const auditQuery = z.object({
  customerId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a customer id'))),
  action: z.optional(z.string().check(z.regex(/^[a-z_.]{1,64}$/, 'is not an action name'))),
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(320))),
  before: z.optional(
    z.string().check(z.regex(/^\d{1,15}_[A-Za-z0-9-]{1,64}$/, 'is not a cursor from a previous page')),
  ),
  limit: z.optional(wholeNumber('limit', 1, MAX_AUDIT_PAGE)),
});
const suspendBody = z.object({ reason: z.optional(z.nullable(z.string().check(z.maxLength(500)))) });
const grantBody = z.object({
  gb: z.int().check(z.minimum(1), z.maximum(UPSTREAM_CAP_CEILING_GB)),
  validityDays: z.optional(z.int().check(z.minimum(0), z.maximum(3650))),
  note: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
});

function pool(c: Context<AppEnv>) {
  return createPoolClient({ config: getConfig(c.env).upstream, log: c.get('log'), timeoutMs: 8_000 });
}

function actionDeps(c: Context<AppEnv>): ActionDeps {
  return {
    env: c.env,
    config: getConfig(c.env),
    db: openDb(c.env.DB),
    log: c.get('log'),
    operator: { email: c.get('identity').email },
    requestId: c.get('requestId'),
    ip: c.req.header('cf-connecting-ip') ?? null,
  };
}

const recent = requireRecentSignIn(ADMIN_REAUTH_MS);

async function csvResponse(c: Context<AppEnv>, what: 'customers' | 'purchases') {
  const db = openDb(c.env.DB);
  const { email } = c.get('identity');
  await recordAudit(db, {
    actor: `admin:${email}`,
    action: 'admin.export',
    detail: { what },
    requestId: c.get('requestId'),
  });
  const lines = what === 'customers' ? customerCsv(db) : purchaseCsv(db);
  return c.body(csvStream(lines), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${what}-${new Date().toISOString().slice(0, 10)}.csv"`,
  });
}

export const admin = new Hono<AppEnv>()
  .use(requireSession, requireAdmin)
  .get('/overview', async (c) => {
    const config = getConfig(c.env);
    const log = c.get('log');
    return c.json(
      await overview({
        db: openDb(c.env.DB),
        pool: pool(c),
        availability: availabilityDeps(c),
        log,
        currency: config.currency,
      }),
    );
  })
  .get('/customers', validate('query', customersQuery), async (c) => {
    const { q, page = 1, pageSize = 25 } = c.req.valid('query');
    const live = await liveKeys(pool(c), c.get('log'));
    const found = await listCustomers(openDb(c.env.DB), { q, page, pageSize }, live);
    return c.json({ ...found, page, pageSize, live: live !== null } satisfies CustomersPage);
  })
  .get('/customers/:id', validate('param', customerParam), async (c) =>
    c.json(await customerDetail({ db: openDb(c.env.DB), pool: pool(c), log: c.get('log') }, c.req.valid('param').id)),
  )
  .post('/customers/:id/suspend', recent, validate('param', customerParam), validate('json', suspendBody), async (c) =>
    c.json(await suspendCustomer(actionDeps(c), c.req.valid('param').id, c.req.valid('json').reason?.trim() || null)),
  )
  .post('/customers/:id/unsuspend', recent, validate('param', customerParam), async (c) =>
    c.json(await unsuspendCustomer(actionDeps(c), c.req.valid('param').id)),
  )
  .post('/customers/:id/grant', recent, validate('param', customerParam), validate('json', grantBody), async (c) => {
    const { gb, validityDays, note } = c.req.valid('json');
    return c.json(
      await grantGb(actionDeps(c), c.req.valid('param').id, { gb, validityDays, note: note?.trim() || null }),
    );
  })
  .post('/customers/:id/rotate-key', recent, validate('param', customerParam), async (c) =>
    c.json(await rotateCustomerKey(actionDeps(c), c.req.valid('param').id)),
  )
  .post('/customers/:id/refulfil', recent, validate('param', customerParam), async (c) =>
    c.json(await rerunFulfilment(actionDeps(c), c.req.valid('param').id)),
  )
  .post('/customers/:id/resend-sign-in', validate('param', customerParam), async (c) =>
    c.json(await resendSignIn(actionDeps(c), c.req.valid('param').id)),
  )
  .get('/audit', validate('query', auditQuery), async (c) => {
    const { before, limit = 50, ...filters } = c.req.valid('query');
    const cursor = before
      ? { at: Number(before.slice(0, before.indexOf('_'))), id: before.slice(before.indexOf('_') + 1) }
      : undefined;
    const page = await listAuditPage(openDb(c.env.DB), { ...filters, before: cursor, limit });
    return c.json({
      entries: page.entries.map(auditView),
      next: page.next ? `${page.next.at}_${page.next.id}` : null,
    } satisfies AuditPage);
  })
  .get('/pricing', async (c) =>
    c.json(await pricingView({ tiers: getConfig(c.env).tiers, pool: pool(c), log: c.get('log') })),
  )
  .get('/export/customers.csv', (c) => csvResponse(c, 'customers'))
  .get('/export/purchases.csv', (c) => csvResponse(c, 'purchases'));
