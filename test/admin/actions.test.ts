// Operator actions end to end through the real billing path: suspend holds through reconciles and purchases, a
// grant of free GB raises the key's cap through the reconcile, every action is audited with who, what and when.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/time.ts';
import {
  auditRows,
  buy,
  call,
  customerIdOf,
  fireCron,
  later,
  OPERATOR,
  outboxFor,
  pay,
  resetSimulators,
  settled,
  signIn,
  sim,
  startCheckout,
  tokenFromMail,
  upstreamKeyOf,
  waitForMail,
} from '../support/index.ts';

const DAY = 86_400_000;
let operator: string;

beforeAll(async () => {
  operator = await signIn(OPERATOR);
});

beforeEach(async () => {
  await resetSimulators();
});

interface ActionAnswer {
  action: string;
  message: string;
  reconcile?: string;
}

async function act(customerId: string, action: string, json: unknown = {}, bindings?: Env): Promise<Response> {
  return call(`/api/admin/customers/${customerId}/${action}`, { json, cookie: operator, env: bindings });
}

async function actOk(customerId: string, action: string, json: unknown = {}): Promise<ActionAnswer> {
  const res = await act(customerId, action, json);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<ActionAnswer>();
}

/** A customer who bought `tierId` and whose key is minted. */
async function paidCustomer(email: string, tierId = 'starter'): Promise<{ cookie: string; id: string }> {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  await buy(cookie, tierId);
  expect((await settled(id))?.sync_state).toBe('synced');
  return { cookie, id };
}

describe('suspend', () => {
  it('switches the key off and keeps it off through the cron, a re-run and a purchase paid after it', async () => {
    const { cookie, id } = await paidCustomer('suspend-me@example.com');
    // A checkout opened before the suspension, paid after it.
    const lateSession = await startCheckout(cookie, 'pro');

    const suspended = await actOk(id, 'suspend', { reason: 'Chargeback under review' });
    expect(suspended).toMatchObject({ action: 'suspend', reconcile: 'synced' });
    expect((await upstreamKeyOf(id))?.enabled).toBe(false);

    await fireCron(Date.now() + 10 * 60_000);
    expect((await upstreamKeyOf(id))?.enabled).toBe(false);
    expect((await actOk(id, 'refulfil')).reconcile).toBe('synced');
    expect((await upstreamKeyOf(id))?.enabled).toBe(false);

    await pay(lateSession);
    expect((await settled(id))?.sync_state).toBe('synced');
    const afterPurchase = await upstreamKeyOf(id);
    expect(afterPurchase).toMatchObject({ enabled: false, trafficCapGB: 11 });

    // The customer cannot start another checkout while suspended.
    const blocked = await call('/api/checkout', { json: { tierId: 'starter' }, cookie });
    expect(blocked.status).toBe(403);
    expect((await blocked.json<{ error: { code: string } }>()).error.code).toBe('account_suspended');

    // Lifting it brings back everything paid for.
    expect((await actOk(id, 'unsuspend')).reconcile).toBe('synced');
    expect(await upstreamKeyOf(id)).toMatchObject({ enabled: true, trafficCapGB: 11 });
    const row = await env.DB.prepare('select suspended_at, suspended_reason from customers where id = ?')
      .bind(id)
      .first();
    expect(row).toEqual({ suspended_at: null, suspended_reason: null });
  });

  it('keeps a customer without a key from buying one, and refuses to suspend twice', async () => {
    const cookie = await signIn('suspend-nokey@example.com');
    const id = await customerIdOf('suspend-nokey@example.com');
    const answer = await actOk(id, 'suspend', {});
    expect(answer.reconcile).toBeUndefined();
    expect((await call('/api/checkout', { json: { tierId: 'starter' }, cookie })).status).toBe(403);
    const again = await act(id, 'suspend', {});
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('already');
    expect((await actOk(id, 'unsuspend')).action).toBe('unsuspend');
    expect((await act(id, 'unsuspend')).status).toBe(409);
  });
});

describe('grant free GB', () => {
  it('raises the cap through the reconcile, keeps the expiry, and shows in the purchase history at no charge', async () => {
    const { cookie, id } = await paidCustomer('grant-me@example.com');
    const before = await upstreamKeyOf(id);
    expect(before?.trafficCapGB).toBe(1);

    const answer = await actOk(id, 'grant', { gb: 5, note: 'Sorry for the outage' });
    expect(answer).toMatchObject({ action: 'grant', reconcile: 'synced' });
    const after = await upstreamKeyOf(id);
    expect(after).toMatchObject({ trafficCapGB: 6, enabled: true, expiresAt: before?.expiresAt });

    const order = await env.DB.prepare("select * from orders where customer_id = ? and kind = 'grant'")
      .bind(id)
      .first<Record<string, unknown>>();
    expect(order).toMatchObject({ status: 'paid', gb: 5, price: 0, validity_days: 0 });
    const { purchases } = await (await call('/api/purchases', { cookie })).json<{
      purchases: { gb: number; price: number; status: string }[];
    }>();
    expect(purchases).toContainEqual(expect.objectContaining({ gb: 5, price: 0, status: 'paid' }));

    // The cron's reconcile agrees: nothing changes.
    await fireCron(Date.now() + 10 * 60_000);
    expect((await upstreamKeyOf(id))?.trafficCapGB).toBe(6);
  });

  it('mints a key for a customer who never bought, valid for 30 days by default', async () => {
    await signIn('grant-fresh@example.com');
    const id = await customerIdOf('grant-fresh@example.com');
    expect((await actOk(id, 'grant', { gb: 2 })).reconcile).toBe('synced');
    const key = await upstreamKeyOf(id);
    expect(key).toMatchObject({ trafficCapGB: 2, enabled: true });
    const days = (Date.parse(key!.expiresAt!) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('refuses a grant past the platform’s cap ceiling, and nonsense amounts', async () => {
    const { id } = await paidCustomer('grant-ceiling@example.com');
    const res = await act(id, 'grant', { gb: 1000 });
    expect(res.status).toBe(409);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error).toMatchObject({ code: 'cap_ceiling' });
    expect(body.error.message).toMatch(/at most 999 GB/);
    for (const json of [
      { gb: 0 },
      { gb: 1.5 },
      { gb: '5' },
      {},
      { gb: 1, validityDays: -1 },
      { gb: 1, note: 'x'.repeat(501) },
    ]) {
      const bad = await act(id, 'grant', json);
      expect(bad.status, JSON.stringify(json)).toBe(400);
    }
    expect((await upstreamKeyOf(id))?.trafficCapGB).toBe(1);
  });
});

describe('re-run fulfilment', () => {
  it('finishes a fulfilment the platform refused, without waiting for the backoff', async () => {
    const cookie = await signIn('refulfil@example.com');
    const id = await customerIdOf('refulfil@example.com');
    await sim('/_sim/proxies/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'error', status: 503, count: 20, path: '/reseller/pool-keys' }),
    });
    await buy(cookie, 'starter');
    expect((await settled(id))?.sync_state).toBe('failed');
    await sim('/_sim/proxies/faults', { method: 'DELETE' });

    const answer = await actOk(id, 'refulfil');
    expect(answer.reconcile).toBe('synced');
    expect(await upstreamKeyOf(id)).toMatchObject({ trafficCapGB: 1, enabled: true });
  });

  it('records a checkout Stripe was paid for but whose webhook never came', async () => {
    const cookie = await signIn('lost-webhook@example.com');
    const id = await customerIdOf('lost-webhook@example.com');
    const sessionId = await startCheckout(cookie, 'pro');
    await sim(`/_sim/stripe/sessions/${sessionId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const answer = await actOk(id, 'refulfil');
    expect(answer.message).toMatch(/1 paid/);
    expect(answer.reconcile).toBe('synced');
    expect((await upstreamKeyOf(id))?.trafficCapGB).toBe(10);
  });
});

describe('rotate key', () => {
  it('gives the customer a new secret the operator never sees, kills the old one, and audits it as the operator', async () => {
    const { cookie, id } = await paidCustomer('rotate-me@example.com');
    const before = await upstreamKeyOf(id);
    const res = await act(id, 'rotate-key');
    expect(res.status).toBe(200);
    const text = await res.text();
    const after = await upstreamKeyOf(id);
    expect(after!.id).toBe(before!.id);
    expect(after!.key).not.toBe(before!.key);
    expect(text).not.toContain(after!.key);
    expect(JSON.parse(text).message).toContain(`${after!.key.slice(0, 8)}…${after!.key.slice(-4)}`);
    // The customer's dashboard reveals the new secret.
    const revealed = await (await call('/api/key/reveal', { json: {}, cookie })).json<{ secret: string }>();
    expect(revealed.secret).toBe(after!.key);
    const rotation = (await auditRows(id)).find((r) => r.action === 'key.rotate');
    expect(rotation?.actor).toBe(`admin:${OPERATOR}`);
  });

  it('answers 409 for a customer without a key', async () => {
    await signIn('rotate-nokey@example.com');
    const res = await act(await customerIdOf('rotate-nokey@example.com'), 'rotate-key');
    expect(res.status).toBe(409);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('no_key');
  });
});

describe('resend sign-in link', () => {
  it('emails the customer a working link', async () => {
    await signIn('resend@example.com');
    const id = await customerIdOf('resend@example.com');
    const seen = (await outboxFor('resend@example.com')).length;
    const answer = await actOk(id, 'resend-sign-in');
    expect(answer.message).toMatch(/resend@example\.com/);
    const mail = await waitForMail('resend@example.com', seen);
    const verified = await call('/api/auth/verify', { json: { token: tokenFromMail(mail) } });
    expect(verified.status).toBe(200);
  });
});

describe('audit', () => {
  it('records every action with the operator, the customer, the request and the time', async () => {
    const { id } = await paidCustomer('audited@example.com');
    const started = Date.now();
    await actOk(id, 'suspend', { reason: 'testing' });
    await actOk(id, 'unsuspend');
    await actOk(id, 'grant', { gb: 1, validityDays: 3 });
    await actOk(id, 'refulfil');
    await actOk(id, 'resend-sign-in');
    const rows = (await auditRows(id)).filter((r) => r.actor.startsWith('admin:'));
    expect(rows.map((r) => r.action)).toEqual([
      'admin.suspend',
      'admin.unsuspend',
      'admin.grant',
      'admin.refulfil',
      'admin.resend_sign_in',
    ]);
    for (const row of rows) {
      expect(row.actor).toBe(`admin:${OPERATOR}`);
      expect(row.customer_id).toBe(id);
      expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.at).toBeGreaterThanOrEqual(started);
    }
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ reason: 'testing' });
    expect(JSON.parse(rows[2]!.detail!)).toEqual({ gb: 1, validityDays: 3, note: null });
  });

  it('a refused action changes nothing and writes nothing', async () => {
    const { id } = await paidCustomer('refused@example.com');
    const before = (await auditRows(id)).length;
    expect((await act(id, 'grant', { gb: 5000 })).status).toBe(409);
    expect((await act(id, 'grant', { gb: 100_001 })).status).toBe(400);
    expect((await act('no-such-customer', 'grant', { gb: 1 })).status).toBe(404);
    expect((await auditRows(id)).length).toBe(before);
  });
});

describe('recent sign-in', () => {
  it('destructive actions ask an operator whose sign-in is older than 10 minutes to sign in again', async () => {
    const { id } = await paidCustomer('reauth-target@example.com');
    // Eleven minutes after the operator's sign-in.
    const stale = later(11 * MINUTE_MS);
    for (const action of ['suspend', 'unsuspend', 'grant', 'refulfil', 'rotate-key']) {
      const res = await act(id, action, action === 'grant' ? { gb: 1 } : {}, stale);
      expect(res.status, action).toBe(403);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('reauth_required');
    }
    expect(await upstreamKeyOf(id)).toMatchObject({ enabled: true, trafficCapGB: 1 });
    // Reading and resending a link are not destructive.
    expect((await call(`/api/admin/customers/${id}`, { cookie: operator, env: stale })).status).toBe(200);
    const seen = (await outboxFor('reauth-target@example.com')).length;
    expect((await act(id, 'resend-sign-in', {}, stale)).status).toBe(200);
    await waitForMail('reauth-target@example.com', seen);
  });
});
