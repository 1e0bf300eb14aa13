// The operator console's API: only operators get in (every route enumerated), and what it shows is right —
// overview figures, customers search and paging, one customer's record, the audit log, pricing, CSV exports.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../../src/routes/admin.ts';
import type {
  AuditPage,
  CustomerDetail,
  CustomersPage,
  Overview,
  OverviewAnswer,
  PricingView,
} from '../../src/shared/admin.ts';
import type { AccountAnswer, UsageAnswer } from '../../src/shared/dashboard.ts';
import {
  buy,
  call,
  customerIdOf,
  fireCron,
  OPERATOR,
  resetSimulators,
  settled,
  signIn,
  sim,
  upstreamKeyOf,
} from '../support/index.ts';

let operator: string;
let customer: string;
let buyerId: string;
let browserId: string;

const json = (body: unknown) => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  await resetSimulators();
  // Incidents are read through the availability cache: set them before anything asks.
  await sim(
    '/_sim/proxies/incidents',
    json({
      incidents: [
        {
          id: 'inc1',
          severity: 'major',
          title: 'DE modems offline',
          startedAt: new Date().toISOString(),
          affects: ['country:de'],
        },
      ],
    }),
  );
  operator = await signIn(OPERATOR);
  customer = await signIn('buyer@example.com');
  buyerId = await customerIdOf('buyer@example.com');
  await buy(customer, 'pro');
  expect((await settled(buyerId))?.sync_state).toBe('synced');
  await signIn('browser@example.com');
  browserId = await customerIdOf('browser@example.com');
});

/** Every admin route as `METHOD /path`, read from the route module itself so a new route cannot be missed. */
function adminRoutes(): string[] {
  const seen = new Set<string>();
  for (const route of admin.routes) if (route.method !== 'ALL') seen.add(`${route.method} ${route.path}`);
  return [...seen].sort();
}

const BODIES: Record<string, unknown> = { suspend: { reason: 'x' }, grant: { gb: 1 } };

function request(route: string, cookie?: string) {
  const [method, path] = route.split(' ') as [string, string];
  const url = `/api/admin${path.replace(':id', buyerId)}`;
  const action = path.split('/').pop()!;
  return call(url, method === 'POST' ? { json: BODIES[action] ?? {}, cookie } : { method, cookie });
}

describe('access', () => {
  it('has exactly the routes this test knows about', () => {
    expect(adminRoutes()).toEqual(
      [
        'GET /admin/audit',
        'GET /admin/customers',
        'GET /admin/customers/:id',
        'GET /admin/customers/:id/auto-top-up',
        'GET /admin/customers/:id/orders',
        'GET /admin/customers/:id/tokens',
        'GET /admin/customers/:id/usage',
        'GET /admin/export/customers.csv',
        'GET /admin/export/purchases.csv',
        'GET /admin/overview',
        'GET /admin/pricing',
        'POST /admin/customers/:id/end-grace',
        'POST /admin/customers/:id/grant',
        'POST /admin/customers/:id/orders/:orderId/refund',
        'POST /admin/customers/:id/refulfil',
        'POST /admin/customers/:id/resend-sign-in',
        'POST /admin/customers/:id/rotate-key',
        'POST /admin/customers/:id/suspend',
        'POST /admin/customers/:id/tokens/:tokenId/revoke',
        'POST /admin/customers/:id/unsuspend',
      ].map((r) => r.replace(' /admin', ' ')),
    );
  });

  it('answers 403 to a signed-in customer and 401 to a stranger on every route, and changes nothing', async () => {
    const auditBefore = await env.DB.prepare('select count(*) as n from audit_log').first<{ n: number }>();
    const ordersBefore = await env.DB.prepare('select count(*) as n from orders').first<{ n: number }>();
    const keyBefore = await upstreamKeyOf(buyerId);
    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const route of routes) {
      const forbidden = await request(route, customer);
      expect(forbidden.status, route).toBe(403);
      expect((await forbidden.json<{ error: { code: string } }>()).error.code, route).toBe('forbidden');
      expect(forbidden.headers.get('content-type'), route).toMatch(/application\/json/);
      const stranger = await request(route);
      expect(stranger.status, route).toBe(401);
    }
    expect(await env.DB.prepare('select count(*) as n from audit_log').first()).toEqual(auditBefore);
    expect(await env.DB.prepare('select count(*) as n from orders').first()).toEqual(ordersBefore);
    expect(await upstreamKeyOf(buyerId)).toEqual(keyBefore);
    expect(
      (await env.DB.prepare('select suspended_at from customers where id = ?').bind(buyerId).first())?.suspended_at,
    ).toBeNull();
  });

  it('says isAdmin only for operators', async () => {
    expect(
      (await (await call('/api/auth/me', { cookie: operator })).json<{ customer: { isAdmin: boolean } }>()).customer
        .isAdmin,
    ).toBe(true);
    expect(
      (await (await call('/api/auth/me', { cookie: customer })).json<{ customer: { isAdmin: boolean } }>()).customer
        .isAdmin,
    ).toBe(false);
  });

  it('names who is signed in on the first answer of the dashboard and of the console, so a load asks once', async () => {
    const account = async (cookie: string) => (await call('/api/account', { cookie })).json<AccountAnswer>();
    expect((await account(customer)).customer).toEqual({ id: buyerId, email: 'buyer@example.com', isAdmin: false });
    expect((await account(operator)).customer).toMatchObject({ email: OPERATOR, isAdmin: true });
    const overview = await (await call('/api/admin/overview', { cookie: operator })).json<OverviewAnswer>();
    expect(overview.operator).toEqual((await account(operator)).customer);
  });
});

describe('overview', () => {
  it('counts customers, revenue, GB sold and used, keys near their cap, dead-lettered mail and incidents', async () => {
    const key = await upstreamKeyOf(buyerId);
    await sim(`/_sim/proxies/keys/${key!.id}/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ usedMB: 9 * 1024 }),
    });
    // The console shows usage as the cron's sweep last read it (no platform call per page view).
    await fireCron();
    await env.DB.prepare(
      "insert into mail_failures (id, \"to\", kind, reason, at) values ('mf1', 'x@example.com', 'login', 'bounced', ?)",
    )
      .bind(Date.now())
      .run();

    const res = await call('/api/admin/overview', { cookie: operator });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const o = await res.json<Overview>();
    expect(o).toMatchObject({ customers: 3, payingCustomers: 1, suspendedCustomers: 0, revenue: { usd: 6900 } });
    expect(o.gb).toEqual({ sold: 10, granted: 0, used: 9 });
    expect(o.revenueByDay.currency).toBe('usd');
    expect(o.revenueByDay.days).toHaveLength(30);
    expect(o.revenueByDay.days.at(-1)).toEqual({
      date: new Date().toISOString().slice(0, 10),
      amount: 6900,
      orders: 1,
    });
    expect(o.revenueByTier).toEqual([
      { tierId: 'pro', tierName: 'Pro', currency: 'usd', orders: 1, gb: 10, amount: 6900 },
    ]);
    expect(o.attention).toEqual([
      expect.objectContaining({
        customerId: buyerId,
        email: 'buyer@example.com',
        why: 'near_cap',
        capGb: 10,
        usedGb: 9,
      }),
    ]);
    expect(o.fulfilment).toMatchObject({ pending: 0, failed: 0, issues: [], failedPayments: 0 });
    expect(o.deadLetterMail).toEqual({ total: 1, last7Days: 1 });
    expect(o.upstream.ok).toBe(true);
    expect(o.upstream.incidents.map((i) => i.title)).toEqual(['DE modems offline']);
  });

  it('still answers when the platform is down, with the usage the sweep last read', async () => {
    await sim('/_sim/proxies/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'error', status: 503, count: 50, path: '/reseller' }),
    });
    try {
      const o = await (await call('/api/admin/overview', { cookie: operator })).json<Overview>();
      expect(o.gb.used).toBe(9);
      expect(o.attention.map((a) => a.why)).toEqual(['near_cap']);
      expect(o.revenue).toEqual({ usd: 6900 });
    } finally {
      await sim('/_sim/proxies/faults', { method: 'DELETE' });
    }
  });
});

describe('customers', () => {
  it('lists with usage as last swept, newest first a page at a time, and searches by the start of the email (wildcards taken literally)', async () => {
    const insert = env.DB.prepare('insert into customers (id, email, created_at) values (?, ?, ?)');
    const base = Date.now() - 86_400_000;
    await env.DB.batch([
      ...Array.from({ length: 23 }, (_, i) =>
        insert.bind(`bulk-${i}`, `bulk${String(i).padStart(2, '0')}@example.org`, base + i),
      ),
      insert.bind('under-1', 'a_b@example.net', base),
      insert.bind('under-2', 'axb@example.net', base),
    ]);
    const list = async (query: string) =>
      (await call(`/api/admin/customers${query}`, { cookie: operator })).json<CustomersPage>();

    const all = await list('');
    expect(all).toMatchObject({ pageSize: 25, total: null, prev: null });
    expect(all.customers).toHaveLength(25);
    const buyer = all.customers.find((c) => c.id === buyerId)!;
    expect(buyer).toMatchObject({
      email: 'buyer@example.com',
      purchases: 1,
      spent: { usd: 6900 },
      capGb: 10,
      usedGb: 9,
      status: 'active',
    });
    expect(all.customers.find((c) => c.id === browserId)).toMatchObject({
      purchases: 0,
      capGb: null,
      usedGb: null,
      status: 'no_key',
    });
    const rest = await list(`?before=${all.next}`);
    expect(rest.customers).toHaveLength(3);
    expect(rest.next).toBeNull();
    expect(new Set([...all.customers, ...rest.customers].map((c) => c.id)).size).toBe(28);

    const page1 = await list('?q=bulk&pageSize=10');
    const page2 = await list(`?q=bulk&pageSize=10&before=${page1.next}`);
    const page3 = await list(`?q=bulk&pageSize=10&before=${page2.next}`);
    expect(page1.total).toBe(23);
    expect(page1.customers.map((c) => c.email).slice(0, 2)).toEqual(['bulk22@example.org', 'bulk21@example.org']);
    expect(page3.customers.map((c) => c.email)).toEqual([
      'bulk02@example.org',
      'bulk01@example.org',
      'bulk00@example.org',
    ]);
    expect(page3.next).toBeNull();
    // Back from the third page is the second again.
    const back = await list(`?q=bulk&pageSize=10&after=${page3.prev}`);
    expect(back.customers.map((c) => c.id)).toEqual(page2.customers.map((c) => c.id));
    expect(back.prev).not.toBeNull();
    expect((await list(`?q=bulk&pageSize=10&after=${back.prev}`)).customers.map((c) => c.id)).toEqual(
      page1.customers.map((c) => c.id),
    );

    const literal = await list('?q=A_B');
    expect(literal.customers.map((c) => c.email)).toEqual(['a_b@example.net']);
    expect((await list(`?q=${encodeURIComponent('%')}`)).total).toBe(0);
    // The start of the address, not any part of it.
    expect((await list('?q=example.org')).total).toBe(0);
    const byId = await list(`?q=${buyerId}`);
    expect(byId.customers.map((c) => c.id)).toEqual([buyerId]);
  });

  it('pages a customer’s orders newest first: the detail shows the first 50, the rest by cursor', async () => {
    const insert = env.DB.prepare(
      `insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at)
       values (?, ?, 'grant', 'paid', 'grant', 'Grant', 1, 0, 'usd', ?)`,
    );
    const base = Date.now() - 86_400_000;
    await env.DB.batch(
      Array.from({ length: 60 }, (_, i) => insert.bind(`ord_${String(i).padStart(32, '0')}`, browserId, base + i)),
    );
    const detail = await (await call(`/api/admin/customers/${browserId}`, { cookie: operator })).json<CustomerDetail>();
    expect(detail.orders).toHaveLength(50);
    expect(detail.orders[0]?.id).toBe(`ord_${'59'.padStart(32, '0')}`);
    const older = await call(`/api/admin/customers/${browserId}/orders?before=${detail.ordersNext}`, {
      cookie: operator,
    });
    expect(older.status).toBe(200);
    const page = await older.json<{ orders: { id: string }[]; ordersNext: string | null }>();
    expect(page.orders.map((o) => o.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `ord_${String(9 - i).padStart(32, '0')}`),
    );
    expect(page.ordersNext).toBeNull();
    const malformed = await call(`/api/admin/customers/${browserId}/orders?before=nope`, { cookie: operator });
    expect(malformed.status).toBe(400);
    // The exports below count this file's real orders.
    await env.DB.prepare("delete from orders where customer_id = ? and tier_id = 'grant'").bind(browserId).run();
  });

  it('bounds paging and refuses malformed queries with a 400', async () => {
    for (const query of [
      'pageSize=51',
      'pageSize=0',
      'before=abc',
      'after=1_',
      `before=${'9'.repeat(16)}_x`,
      'pageSize=1e3',
      `q=${'x'.repeat(201)}`,
    ]) {
      const res = await call(`/api/admin/customers?${query}`, { cookie: operator });
      expect(res.status, query).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('invalid_request');
    }
  });

  it('shows one customer: purchases, the key as the shop set it and as the platform reports it, the audit trail', async () => {
    const res = await call(`/api/admin/customers/${buyerId}`, { cookie: operator });
    expect(res.status).toBe(200);
    const d = await res.json<CustomerDetail>();
    expect(d.customer).toMatchObject({ id: buyerId, email: 'buyer@example.com', suspendedAt: null, activeSessions: 1 });
    expect(d.status).toBe('active');
    expect(d.orders).toEqual([
      expect.objectContaining({ kind: 'checkout', status: 'paid', tierId: 'pro', gb: 10, price: 6900 }),
    ]);
    expect(d.key).toMatchObject({
      capGb: 10,
      enabled: true,
      syncState: 'synced',
      upstreamError: null,
      upstream: { enabled: true, capGb: 10, usedGb: 9 },
    });
    expect(d.key!.secretMask).toMatch(/^pak_[0-9a-f]{4}…[0-9a-f]{4}$/);
    expect(JSON.stringify(d)).not.toMatch(/pak_[0-9a-f]{24}/);
    expect(d.key!.upstreamAudit.map((e) => e.action)).toContain('create');
    expect(d.audit.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'order.paid']));
    // The console's grant form allows up to the configured ceiling (CAP_CEILING_GB), not a fixed 1000.
    expect(d.capCeilingGb).toBe(1000);
    const partner = await call(`/api/admin/customers/${buyerId}`, {
      cookie: operator,
      env: { ...env, CAP_CEILING_GB: '5000' } as unknown as Env,
    });
    expect((await partner.json<CustomerDetail>()).capCeilingGb).toBe(5000);

    expect((await call('/api/admin/customers/nobody', { cookie: operator })).status).toBe(404);
    expect((await call(`/api/admin/customers/${encodeURIComponent('a b')}`, { cookie: operator })).status).toBe(400);
  });
});

describe('pricing', () => {
  it('shows a customer’s traffic per day: the same 30-day series as their own dashboard, none without a key', async () => {
    const seen = await (await call(`/api/admin/customers/${buyerId}/usage`, { cookie: operator })).json<UsageAnswer>();
    expect(seen).toEqual(await (await call('/api/usage?days=30', { cookie: customer })).json<UsageAnswer>());
    expect(seen.available).toBe(true);
    expect(seen.days).toHaveLength(30);
    expect(seen.days.reduce((sum, d) => sum + d.inMB + d.outMB, 0)).toBeGreaterThan(0);
    const none = await call(`/api/admin/customers/${browserId}/usage`, { cookie: operator });
    expect(await none.json<UsageAnswer>()).toEqual({ available: false, days: [] });
  });

  it('puts each tier’s retail price per GB next to the platform’s wholesale rates, with the margin', async () => {
    const res = await call('/api/admin/pricing', { cookie: operator });
    expect(res.status).toBe(200);
    const p = await res.json<PricingView>();
    expect(p.error).toBeNull();
    expect(p.rates).toEqual([
      { label: 'pools.mbl', perGb: 450, currency: 'usd', currencyAssumed: false },
      { label: 'pools.peer', perGb: 150, currency: 'usd', currencyAssumed: false },
    ]);
    const pro = p.tiers.find((t) => t.id === 'pro')!;
    expect(pro).toMatchObject({ retailPerGb: 690, currency: 'usd' });
    expect(pro.margins).toEqual([
      { label: 'pools.mbl', perGb: 450, marginPerGb: 240, marginPct: 34.8 },
      { label: 'pools.peer', perGb: 150, marginPerGb: 540, marginPct: 78.3 },
    ]);
    expect(p.tiers.map((t) => t.id)).toEqual(['starter', 'pro', 'scale']);
  });
});

describe('audit log', () => {
  it('pages newest first with a cursor, filters by customer, and refuses bad cursors and limits', async () => {
    const total = (await env.DB.prepare('select count(*) as n from audit_log').first<{ n: number }>())!.n;
    expect(total).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await (
        await call(`/api/admin/audit?limit=3${before ? `&before=${before}` : ''}`, { cookie: operator })
      ).json<AuditPage>();
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      for (let i = 1; i < page.entries.length; i++)
        expect(page.entries[i - 1]!.at).toBeGreaterThanOrEqual(page.entries[i]!.at);
      before = page.next;
      pages++;
    } while (before && pages < 100);
    expect(pages).toBe(Math.ceil(total / 3));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const mine = await (await call(`/api/admin/audit?customerId=${buyerId}`, { cookie: operator })).json<AuditPage>();
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.customerId === buyerId)).toBe(true);
    // Each entry names the customer by address, so the console never shows a bare id.
    expect(new Set(mine.entries.map((e) => e.customerEmail))).toEqual(new Set(['buyer@example.com']));
    const signIns = await (await call('/api/admin/audit?action=auth.sign_in', { cookie: operator })).json<AuditPage>();
    expect(signIns.entries.length).toBe(3);

    for (const query of ['limit=101', 'limit=0', 'before=nonsense', 'before=1_%27or%201%3D1', 'action=DROP%20TABLE']) {
      expect((await call(`/api/admin/audit?${query}`, { cookie: operator })).status, query).toBe(400);
    }
  });
});

describe('CSV export', () => {
  it('exports customers with every text cell defused against spreadsheet formulas, and audits the export', async () => {
    const reason = '=HYPERLINK("http://evil.example","click"),x';
    expect(
      (await call(`/api/admin/customers/${browserId}/suspend`, { json: { reason }, cookie: operator })).status,
    ).toBe(200);
    const res = await call('/api/admin/export/customers.csv', { cookie: operator });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,email,created_at,last_sign_in_at,suspended_at,suspended_reason,paid_purchases,spent_minor,currency,gb_purchased,gb_granted,key_cap_gb,key_expires_at,key_enabled,key_sync_state',
    );
    expect(lines.at(-1)).toBe('');
    const total = (await env.DB.prepare('select count(*) as n from customers').first<{ n: number }>())!.n;
    expect(lines.length - 2).toBe(total);
    const browserLine = lines.find((l) => l.startsWith(`${browserId},`))!;
    expect(browserLine).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""),x",`);
    const buyerLine = lines.find((l) => l.startsWith(`${buyerId},`))!;
    expect(buyerLine).toMatch(/,1,6900,usd,10,0,10,\d{4}-\d{2}-\d{2}T[\d:.]+Z,true,synced$/);

    const audit = await env.DB.prepare("select actor, detail from audit_log where action = 'admin.export'").all<{
      actor: string;
      detail: string;
    }>();
    expect(audit.results).toEqual([{ actor: `admin:${OPERATOR}`, detail: JSON.stringify({ what: 'customers' }) }]);
  });

  it('exports every order, grants included', async () => {
    expect((await call(`/api/admin/customers/${buyerId}/grant`, { json: { gb: 2 }, cookie: operator })).status).toBe(
      200,
    );
    const text = await (await call('/api/admin/export/purchases.csv', { cookie: operator })).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]!.split(',')).toEqual([
      'order_id',
      'customer_id',
      'email',
      'kind',
      'status',
      'tier_id',
      'tier_name',
      'gb',
      'price_minor',
      'currency',
      'validity_days',
      'refunded_gb',
      'refunded_minor',
      'created_at',
      'paid_at',
      'stripe_session_id',
      'stripe_payment_intent_id',
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      new RegExp(`^ord_[0-9a-f]{32},${buyerId},buyer@example.com,purchase,paid,pro,Pro,10,6900,usd,30,0,0,`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^ord_[0-9a-f]{32},${buyerId},buyer@example.com,grant,paid,grant,Free traffic,2,0,usd,0,0,0,`),
    );
  });
});
