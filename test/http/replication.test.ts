// D1 read replication through the Sessions API, against a lagging replica (test/support/replica.ts): a customer reads their
// own writes through the bookmark cookie (buy → order poll → dashboard), a replica that is behind is really read
// when there is no bookmark, and a revoked session is refused at once wherever a key or the console is at stake; a
// revoked token, a suspended customer's token and a token revoked after a rotation are refused at once by the API.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountAnswer } from '../../src/shared/dashboard.ts';
import {
  apiCall,
  buy,
  call,
  customerIdOf,
  LaggingReplica,
  makeToken,
  OPERATOR,
  pay,
  resetSimulators,
  settled,
  signIn,
} from '../support/index.ts';

const BOOKMARK = '__Host-d1-bookmark=';

/** Calls through the replicated database, carrying the session cookie and the latest bookmark (like a browser). */
function browser(replica: LaggingReplica, session: string) {
  let bookmark: string | null = null;
  return {
    get bookmark() {
      return bookmark;
    },
    async call(path: string, options: { json?: unknown; method?: string } = {}) {
      const cookie = [session, bookmark].filter(Boolean).join('; ');
      const res = await call(path, { ...options, cookie, env: replica.env });
      const set = res.headers.getSetCookie().find((h) => h.startsWith(BOOKMARK));
      if (set) bookmark = set.split(';')[0]!;
      return res;
    },
  };
}

beforeAll(resetSimulators);

describe('read replication', () => {
  it('shows the buyer their new key through the bookmark while the replica is still behind', async () => {
    const email = 'replica-buyer@example.com';
    const replica = new LaggingReplica();
    const session = await signIn(email);
    await replica.catchUp(); // the replica knows the customer and the session, nothing of the purchase to come
    const tab = browser(replica, session);

    const checkout = await tab.call('/api/checkout', { json: { tierId: 'starter' } });
    expect(checkout.status).toBe(200);
    expect(tab.bookmark).not.toBeNull();
    const sessionId = new URL((await checkout.json<{ url: string }>()).url).pathname.split('/').pop()!;
    await pay(sessionId);
    await settled(await customerIdOf(email));

    const poll = await tab.call(`/api/orders/${sessionId}`);
    expect(await poll.json()).toMatchObject({ order: { status: 'paid' }, key: { status: 'ready' } });
    const mine = await tab.call('/api/account');
    expect((await mine.json<AccountAnswer>()).key.status).toBe('active');

    // Without the bookmark the same request is answered by the lagging replica: no key yet.
    const stale = await call('/api/account', { cookie: session, env: replica.env });
    expect((await stale.json<AccountAnswer>()).key.status).toBe('none');
    await replica.catchUp();
    const caughtUp = await call('/api/account', { cookie: session, env: replica.env });
    expect((await caughtUp.json<AccountAnswer>()).key.status).toBe('active');
  });

  it('refuses a revoked session on reveal, rotate and console actions although the replica still has it live', async () => {
    const replica = new LaggingReplica();
    const customer = await signIn('replica-revoked@example.com');
    const operator = await signIn(OPERATOR);
    await replica.catchUp();
    const customerId = await customerIdOf('replica-revoked@example.com');
    for (const session of [customer, operator])
      expect((await call('/api/auth/logout', { method: 'POST', cookie: session, env: replica.env })).status).toBe(200);

    // A read may still be answered by the replica until it catches up (the documented trade-off)…
    expect((await call('/api/account', { cookie: customer, env: replica.env })).status).toBe(200);
    // …but nothing that touches a key or the console is: they ask the primary.
    for (const path of ['/api/key/reveal', '/api/key/rotate'])
      expect((await call(path, { method: 'POST', cookie: customer, env: replica.env })).status).toBe(401);
    const suspend = await call(`/api/admin/customers/${customerId}/suspend`, {
      json: { reason: 'test' },
      cookie: operator,
      env: replica.env,
    });
    expect(suspend.status).toBe(401);
    expect((await call('/api/admin/customers', { cookie: operator, env: replica.env })).status).toBe(401);

    await replica.catchUp();
    expect((await call('/api/account', { cookie: customer, env: replica.env })).status).toBe(401);
  });
});

describe('read replication and the customer API', () => {
  /** A customer with a paid key and an API token, and a replica that has seen both. */
  async function scripted(email: string) {
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const customerId = await customerIdOf(email);
    await settled(customerId);
    const { token, view } = await makeToken(cookie, { scopes: ['read', 'sessions'] });
    const replica = new LaggingReplica();
    await replica.catchUp();
    const viaReplica = (path: string) => apiCall(path, token, { env: replica.env });
    expect((await viaReplica('/api/v1/key')).status).toBe(200);
    return { cookie, customerId, token, tokenId: view.id, replica, viaReplica };
  }

  it('refuses a token revoked a moment ago although the replica still has it live', async () => {
    const { cookie, tokenId, viaReplica } = await scripted('replica-api-revoked@example.com');
    expect((await call(`/api/tokens/${tokenId}`, { method: 'DELETE', cookie })).status).toBe(200);

    for (const path of ['/api/v1/proxy-urls', '/api/v1/key', '/api/v1/usage', '/api/v1/sessions']) {
      const res = await viaReplica(path);
      expect(res.status, path).toBe(401);
      expect(await res.text()).not.toContain('pak_');
    }
  });

  it('refuses the token of a customer suspended a moment ago although the replica has them active', async () => {
    const { customerId, viaReplica } = await scripted('replica-api-suspended@example.com');
    const operator = await signIn(OPERATOR);
    const suspend = await call(`/api/admin/customers/${customerId}/suspend`, {
      json: { reason: 'abuse' },
      cookie: operator,
    });
    expect(suspend.status).toBe(200);

    // Refused by the token check itself (on the primary), before anything reads the key.
    for (const path of ['/api/v1/proxy-urls', '/api/v1/key', '/api/v1/usage']) {
      const res = await viaReplica(path);
      expect(res.status, path).toBe(403);
      expect((await res.json<{ error: { message: string } }>()).error.message).toMatch(/API tokens do not work/);
    }
  });

  it('never hands out the new secret after "rotate, then revoke", although the replica has the token live', async () => {
    const { cookie, tokenId, viaReplica } = await scripted('replica-api-rotated@example.com');
    const before = await (await viaReplica('/api/v1/proxy-urls')).json<{ urls: { url: string }[] }>();
    const rotate = await call('/api/key/rotate', { method: 'POST', cookie });
    expect(rotate.status).toBe(200);
    const { secret } = await rotate.json<{ secret: string }>();
    expect(before.urls[0]!.url).not.toContain(secret);

    // Until the revocation, the token reads the new secret: the primary's, not the replica's old one.
    const after = await (await viaReplica('/api/v1/proxy-urls')).json<{ urls: { url: string }[] }>();
    expect(after.urls[0]!.url).toContain(secret);

    expect((await call(`/api/tokens/${tokenId}`, { method: 'DELETE', cookie })).status).toBe(200);
    const revoked = await viaReplica('/api/v1/proxy-urls');
    expect(revoked.status).toBe(401);
    expect(await revoked.text()).not.toContain(secret);
  });
});
