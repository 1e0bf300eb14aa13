// Stripe's events can be large: a dispute carries its evidence, up to 150,000 characters of text
// (docs.stripe.com/api/disputes/update). The webhook takes them (a 413 would be retried until Stripe disables the
// endpoint); every other API route keeps its small body limit.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  buy,
  call,
  customerIdOf,
  deliveries,
  disputeSession,
  postWebhook,
  resetSimulators,
  sign,
  signIn,
  upstreamCapOf,
} from '../support/index.ts';

beforeEach(resetSimulators);

describe('the webhook body limit', () => {
  it('takes a dispute whose evidence makes the event over 150 KB, and refuses such a body anywhere else', async () => {
    const email = 'dispute-evidence@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const opened = await disputeSession(pro);
    const [created] = await deliveries({ eventId: opened.events[0]!.id });
    const event = JSON.parse(created!.payload);
    // Evidence text at Stripe's limit, with characters JSON escapes: the body is over 150 KB.
    event.data.object.evidence = {
      uncategorized_text: '"Customer used the traffic."\n'.repeat(5_000).slice(0, 150_000),
      customer_communication: null,
    };
    const payload = JSON.stringify(event, null, 2);
    expect(payload.length).toBeGreaterThan(150 * 1024);
    const res = await postWebhook(payload, await sign(payload));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ result: 'applied' });
    expect((await upstreamCapOf(id)).cap).toBe(1);

    const elsewhere = await call('/api/auth/request', { json: { email, padding: 'x'.repeat(300 * 1024) } });
    expect(elsewhere.status).toBe(413);
  });
});
