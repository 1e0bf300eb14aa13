// Rotation ends every secret the customer had: rotating during a rollover's grace also switches the previous key off
// (its unused GB carried over as at the end of the grace, by the same retirement), for the customer's rotation and the
// operator's; and an operator can end a grace early from the console.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AdminActionAnswer } from '../../src/shared/admin.ts';
import type { AccountAnswer, RotateAnswer } from '../../src/shared/dashboard.ts';
import {
  auditRows,
  buy,
  call,
  customerIdOf,
  fireCron,
  keysOf,
  later,
  OPERATOR,
  resetSimulators,
  settled,
  setUsage,
  signIn,
  upstreamKey,
} from '../support/index.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const GB = 1024;

beforeEach(resetSimulators);

/**
 * A customer in a rollover's grace: 1000 GB on generation 1 with 990 used (10 GB left, still working), and 50 GB on
 * generation 2, the current key.
 */
async function inGrace(email: string) {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  const statements = Array.from({ length: 19 }, (_, i) =>
    env.DB.prepare(
      "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, validity_days, created_at, paid_at) values (?, ?, 'purchase', 'paid', 'scale', 'Scale', 50, 27900, 'usd', 60, ?, ?)",
    ).bind(`ord_grace_${id.slice(0, 8)}_${i}`, id, Date.now() - (19 - i) * HOUR, Date.now() - (19 - i) * HOUR),
  );
  await env.DB.batch(statements);
  await buy(cookie, 'scale');
  await settled(id);
  const [first] = await keysOf(id);
  await setUsage(first!.upstream_id!, 990 * GB);
  await buy(cookie, 'scale');
  await settled(id);
  const [old, current] = await keysOf(id);
  expect(old).toMatchObject({ generation: 1, state: 'retiring' });
  expect(current).toMatchObject({ generation: 2, state: 'current' });
  expect(await upstreamKey(old!.upstream_id)).toMatchObject({ enabled: true });
  return { cookie, id, old: old!, current: current! };
}

/** After the usage has settled, the cron retires the previous key: its 10 unused GB move onto the current key. */
async function expectCarriedAfterSettling(id: string, old: { upstream_id: string | null }) {
  await fireCron(Date.now() + 2 * MINUTE);
  const [retired, current] = await keysOf(id);
  expect(retired).toMatchObject({ state: 'retired', final_used_gb: 990, carried_out_gb: 10, carried_into: 2 });
  expect(await upstreamKey(current!.upstream_id)).toMatchObject({ trafficCapGB: 60, enabled: true });
  expect(await upstreamKey(old.upstream_id)).toBeUndefined();
}

describe('rotating during a rollover grace', () => {
  it('switches the previous key off too, and carries its unused GB over as at the end of the grace', async () => {
    const { cookie, id, old, current } = await inGrace('rotate-in-grace@example.com');
    const before = await upstreamKey(current.upstream_id);

    const res = await call('/api/key/rotate', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    const answer = await res.json<RotateAnswer>();
    expect(answer.previousKey).toEqual({ secretMask: old.secret_mask, switchedOff: true });
    // Every secret the customer had is dead: the current key's old secret and the whole previous key.
    expect((await upstreamKey(current.upstream_id))!.key).not.toBe(before!.key);
    expect((await upstreamKey(current.upstream_id))!.key).toBe(answer.secret);
    expect(await upstreamKey(old.upstream_id)).toMatchObject({ enabled: false });
    const me = await (await call('/api/account', { cookie })).json<AccountAnswer>();
    expect(me.key.previousKey).toBeNull();
    expect((await auditRows(id)).map((r) => r.action)).toEqual(expect.arrayContaining(['key.rotate', 'key.end_grace']));

    // A later cron run does not switch it back on, and once its usage settled the GB move.
    await expectCarriedAfterSettling(id, old);
  });

  it('says nothing of a previous key when there is none', async () => {
    const email = 'rotate-no-grace@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    await settled(await customerIdOf(email));
    const answer = await (await call('/api/key/rotate', { method: 'POST', cookie })).json<RotateAnswer>();
    expect(answer.previousKey).toBeNull();
    expect((await auditRows(await customerIdOf(email))).map((r) => r.action)).not.toContain('key.end_grace');
  });

  it('by the operator ends the grace too', async () => {
    const { id, old } = await inGrace('admin-rotate-in-grace@example.com');
    const operator = await signIn(OPERATOR);
    const res = await call(`/api/admin/customers/${id}/rotate-key`, { method: 'POST', cookie: operator });
    expect(res.status).toBe(200);
    const { message } = await res.json<AdminActionAnswer>();
    expect(message).toContain(`The previous key (${old.secret_mask}) is switched off now`);
    expect(await upstreamKey(old.upstream_id)).toMatchObject({ enabled: false });
    const audit = (await auditRows(id)).find((r) => r.action === 'admin.end_grace');
    expect(JSON.parse(audit!.detail!)).toMatchObject({ by: 'rotate_key', generations: [{ generation: 1 }] });
    expect(audit!.actor).toBe(`admin:${OPERATOR}`);
  });
});

describe('ending a grace early from the console', () => {
  it('switches the previous key off now, audited, and carries its unused GB over once its usage settled', async () => {
    const { cookie, id, old, current } = await inGrace('end-grace@example.com');
    const currentSecret = (await upstreamKey(current.upstream_id))!.key;
    const operator = await signIn(OPERATOR);

    const res = await call(`/api/admin/customers/${id}/end-grace`, { method: 'POST', cookie: operator });
    expect(res.status).toBe(200);
    expect(await res.json<AdminActionAnswer>()).toMatchObject({
      action: 'end_grace',
      message: expect.stringContaining(`The previous key (${old.secret_mask}) is switched off now`),
    });
    expect(await upstreamKey(old.upstream_id)).toMatchObject({ enabled: false });
    // The current key is left alone: same secret, still working.
    expect(await upstreamKey(current.upstream_id)).toMatchObject({ key: currentSecret, enabled: true });
    const me = await (await call('/api/account', { cookie })).json<AccountAnswer>();
    expect(me.key.previousKey).toBeNull();
    const audit = (await auditRows(id)).filter((r) => r.action === 'admin.end_grace');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ by: 'end_grace', generations: [{ generation: 1 }] });

    // Twice is refused: there is no grace left to end.
    const again = await call(`/api/admin/customers/${id}/end-grace`, { method: 'POST', cookie: operator });
    expect(again.status).toBe(409);
    expect((await again.json<{ error: { code: string } }>()).error.code).toBe('no_grace');

    await expectCarriedAfterSettling(id, old);
  });

  it('needs a fresh sign-in, like every console action that changes a customer', async () => {
    const { id, old } = await inGrace('end-grace-reauth@example.com');
    const operator = await signIn(OPERATOR);
    // Eleven minutes after the operator's sign-in.
    const res = await call(`/api/admin/customers/${id}/end-grace`, {
      method: 'POST',
      cookie: operator,
      env: later(11 * MINUTE),
    });
    expect(res.status).toBe(403);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('reauth_required');
    expect(await upstreamKey(old.upstream_id)).toMatchObject({ enabled: true });
  });
});
