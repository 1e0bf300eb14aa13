// What Stripe refuses, auto top-up says: a refusal that sending again cannot change (a 400 such as a payment method
// no longer attached, the shop's key refused with 401, an idempotency conflict) pauses auto top-up, mails the
// customer once, and shows in the console and the audit log, instead of leaving the charge "charging" for ever and
// blocking every later top-up; a soft decline that wants authentication asks the customer to authenticate.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditRows,
  call,
  count,
  fireCron,
  resetSimulators,
  setUsage,
  signIn,
  sim,
  waitForMailAbout,
} from '../support/index.ts';
import { bankSays, GB, offSessionIntents, subscriber, view } from './support.ts';

beforeEach(resetSimulators);

function stripeRefuses(fault: Record<string, unknown>) {
  return sim('/_sim/stripe/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1, ...fault }),
  });
}

const REFUSALS = [
  [
    'a payment method Stripe no longer has (400)',
    {
      status: 400,
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'payment_method',
      message: "No such PaymentMethod: 'pm_x'",
    },
  ],
  [
    'the shop’s key refused (401)',
    { status: 401, type: 'invalid_request_error', message: 'Invalid API Key provided.' },
  ],
  [
    'an idempotency conflict (400)',
    {
      status: 400,
      type: 'idempotency_error',
      message: 'Keys for idempotent requests can only be used with the same parameters.',
    },
  ],
] as const;

describe('a charge Stripe refuses', () => {
  for (const [what, fault] of REFUSALS)
    it(`pauses auto top-up, mails once and tells the operator: ${what}`, async () => {
      const email = `atu-refused-${fault.status}-${fault.type}@example.com`;
      const { cookie, id, upstreamId, stripeCustomer } = await subscriber(email);
      await setUsage(upstreamId, 9 * GB);
      await stripeRefuses(fault);
      await fireCron();
      expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'charging'", id)).toBe(0);
      expect((await view(cookie)).paused).toMatchObject({ reason: 'payment_failed' });
      expect((await waitForMailAbout(email, /auto top-up is paused/)).text).toContain('the payment did not go through');
      const paused = (await auditRows(id)).find((a) => a.action === 'auto_top_up.paused');
      expect(JSON.parse(paused!.detail!)).toMatchObject({
        reason: 'payment_failed',
        stripeError: { statusCode: fault.status },
      });
      const operator = await signIn('admin@example.com');
      const seen = await call(`/api/admin/customers/${id}/auto-top-up`, { cookie: operator });
      expect(await seen.json()).toMatchObject({
        paused: { reason: 'payment_failed' },
        charges: [expect.objectContaining({ state: 'failed', failure: 'payment_failed' })],
      });
      // Paused, not stuck: no further charge is tried until the customer pays once.
      await fireCron(Date.now() + 10 * 60_000);
      expect(await offSessionIntents(stripeCustomer)).toEqual([]);
      expect(await count('select * from auto_top_up_charges where customer_id = ?', id)).toBe(1);
    });
});

describe('a soft decline that wants authentication', () => {
  it('asks the customer to confirm the payment, not to change their card', async () => {
    const email = 'atu-soft-decline@example.com';
    const { cookie, upstreamId, stripeCustomer } = await subscriber(email);
    await bankSays('soft_decline', stripeCustomer);
    await setUsage(upstreamId, 9 * GB);
    await fireCron();
    expect((await view(cookie)).paused).toMatchObject({ reason: 'authentication_required' });
    expect((await waitForMailAbout(email, /auto top-up is paused/)).text).toContain(
      'your bank wants you to confirm the payment yourself',
    );
  });
});
