// Mail that provably reaches customers: while the mail transport fails, sign-in says so (503 `mail_unavailable`, the
// same answer for every address), /api/healthz reports mail degraded with the reason and the console shows it. One
// recipient's own failure never counts; mail that leaves again, or MAIL_FAILURE_WINDOW_MINUTES without a failure,
// ends it. Driven through the real queue against the outbox simulator's outage control.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OverviewAnswer } from '../../src/shared/admin.ts';
import { MINUTE_MS } from '../../src/time.ts';
import {
  call,
  customerIdOf,
  later,
  OPERATOR,
  outboxFor,
  resetSimulators,
  signIn,
  sim,
  testIp,
  tokenFromMail,
  waitForMail,
} from '../support/index.ts';

interface Health {
  status: string;
  checks: { mail: { ok: boolean; lastOkAt: string | null; lastFailureAt: string | null; reason: string | null } };
}

const outage = (status: number | null) =>
  sim('/_sim/outbox/outage', {
    method: status === null ? 'DELETE' : 'POST',
    ...(status === null ? {} : { body: JSON.stringify({ status }), headers: { 'content-type': 'application/json' } }),
  });

const askLink = (email: string, bindings?: Env) =>
  call('/api/auth/request', { json: { email }, headers: { 'cf-connecting-ip': testIp() }, env: bindings });

async function healthz(bindings?: Env): Promise<{ status: number; body: Health }> {
  const res = await call('/api/healthz', { env: bindings });
  return { status: res.status, body: await res.json<Health>() };
}

/** Polls /api/healthz until mail is (or is no longer) failing: the queue delivers in the background. */
async function mailBecomes(ok: boolean): Promise<Health> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const { body } = await healthz();
    if (body.checks.mail.ok === ok) return body;
    if (Date.now() > deadline) throw new Error(`mail never became ${ok ? 'ok' : 'failing'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tokensFor = (email: string) =>
  env.DB.prepare('select count(*) as n from login_tokens where email = ?').bind(email).first<number>('n');

let operatorCookie: string;

beforeAll(async () => {
  await resetSimulators();
  operatorCookie = await signIn(OPERATOR);
});

describe('one recipient’s failure', () => {
  it('never stops sign-in for the others: an address the provider refuses is that address’s problem', async () => {
    await sim('/_sim/outbox/faults', {
      method: 'POST',
      body: JSON.stringify({ status: 422, count: 1, to: 'refused@example.com' }),
      headers: { 'content-type': 'application/json' },
    });
    expect((await askLink('refused@example.com')).status).toBe(202);
    const deadline = Date.now() + 8_000;
    while (!(await env.DB.prepare("select 1 from mail_failures where reason = 'permanent: outbox HTTP 422'").first())) {
      if (Date.now() > deadline) throw new Error('the refused mail was never recorded');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await healthz()).body.checks.mail).toMatchObject({ ok: true, lastFailureAt: null });
    expect((await askLink('someone-else@example.com')).status).toBe(202);
  });
});

describe('a mail transport that fails every send', () => {
  it('turns sign-in into the same 503 for every address, and /api/healthz and the console say why', async () => {
    expect((await healthz()).body.checks.mail).toMatchObject({ ok: true, reason: null });
    await outage(503);
    // Nothing has failed yet, so this request is accepted; its mail then fails in the queue, retry after retry.
    expect((await askLink('first@example.com')).status).toBe(202);
    const failing = await mailBecomes(false);
    expect(failing.checks.mail).toMatchObject({ ok: false, reason: 'outbox HTTP 503' });

    const { status, body } = await healthz();
    expect(status).toBe(503);
    expect(body.status).toBe('degraded');

    // A known address (the operator's) and an unknown one get the same answer: no account is revealed.
    const answers = await Promise.all([OPERATOR, 'nobody-here@example.com'].map((email) => askLink(email)));
    const bodies = await Promise.all(
      answers.map(async (res) => {
        expect(res.status).toBe(503);
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(10 * 60);
        const { error } = await res.json<{ error: { code: string; message: string } }>();
        return { code: error.code, message: error.message };
      }),
    );
    expect(bodies[0]).toEqual({
      code: 'mail_unavailable',
      message: 'Sign-in emails cannot be sent right now, so no link was sent. Please try again in a few minutes.',
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(await tokensFor('nobody-here@example.com')).toBe(0);

    const overview = await call('/api/admin/overview', { cookie: operatorCookie });
    expect((await overview.json<OverviewAnswer>()).mail).toMatchObject({ ok: false, reason: 'outbox HTTP 503' });
  });

  it('ends as soon as a message leaves again: the console’s resend tries mail while it is failing', async () => {
    await outage(null);
    // Customers are still refused (the queue's messages were dead-lettered), but an operator's resend is queued.
    expect((await askLink('second@example.com')).status).toBe(503);
    const seen = (await outboxFor(OPERATOR)).length;
    const resend = await call(`/api/admin/customers/${await customerIdOf(OPERATOR)}/resend-sign-in`, {
      method: 'POST',
      cookie: operatorCookie,
    });
    expect(resend.status).toBe(200);
    // The operator's link leaves (a retry of an earlier message may leave too, and may end the failure first).
    expect(tokenFromMail(await waitForMail(OPERATOR, seen, 8_000))).toBeTruthy();
    const recovered = await mailBecomes(true);
    const { lastOkAt, lastFailureAt } = recovered.checks.mail;
    expect(Date.parse(lastOkAt ?? '')).toBeGreaterThan(Date.parse(lastFailureAt ?? ''));
    expect((await askLink('second@example.com')).status).toBe(202);
  });

  it('ends by itself once MAIL_FAILURE_WINDOW_MINUTES pass without another failure', async () => {
    await outage(403);
    expect((await askLink('third@example.com')).status).toBe(202);
    expect((await mailBecomes(false)).checks.mail.reason).toBe('outbox HTTP 403');
    await outage(null);
    expect((await askLink('third@example.com')).status).toBe(503);
    // Ten minutes on (the default window), with nothing failing meanwhile, sign-in tries mail again.
    const tenMinutesOn = later(10 * MINUTE_MS + 1_000);
    expect((await healthz(tenMinutesOn)).body.checks.mail.ok).toBe(true);
    expect((await askLink('third@example.com', tenMinutesOn)).status).toBe(202);
  });
});
