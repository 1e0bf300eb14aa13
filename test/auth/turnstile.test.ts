// The server side of Turnstile against the siteverify simulator (Cloudflare's documented contract and test keys): a
// token passes only when siteverify vouches for it, a production shop also wants its own hostname and the sign-in
// widget's action, and a token that cannot be checked counts as not passed.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { passedChallenge, TURNSTILE_TOKEN_MAX } from '../../src/auth/turnstile.ts';
import { getConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/log.ts';
import { resetSimulators, sim } from '../support/index.ts';

const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';
const log = createLogger({ test: 'turnstile' });
const config = getConfig(env);
const withSecret = (secretKey: string) => ({
  config: { ...config, turnstile: { ...config.turnstile!, secretKey } },
  log,
});
const checks = () => sim<unknown[]>('/_sim/turnstile/checks');

beforeEach(resetSimulators);

describe('a Turnstile token', () => {
  it('passes when siteverify vouches for it, and not when it refuses it', async () => {
    expect(await passedChallenge({ config, log }, DUMMY_TOKEN, '203.0.113.9')).toBe(true);
    expect(await passedChallenge({ config, log }, 'made.up.token', null)).toBe(false);
    expect(await passedChallenge(withSecret('2x0000000000000000000000000000000AA'), DUMMY_TOKEN, null)).toBe(false);
    // "Token already spent" (the test secret that answers timeout-or-duplicate).
    expect(await passedChallenge(withSecret('3x0000000000000000000000000000000AA'), DUMMY_TOKEN, null)).toBe(false);
  });

  it('is not sent at all when it is empty or longer than a token can be', async () => {
    expect(await passedChallenge({ config, log }, '', null)).toBe(false);
    expect(await passedChallenge({ config, log }, 'x'.repeat(TURNSTILE_TOKEN_MAX + 1), null)).toBe(false);
    expect(await checks()).toEqual([]);
  });

  it('in production must have been made for the shop’s own hostname and the sign-in widget', async () => {
    // The test keys' answer names `localhost` and the action `test`: not this shop's sign-in widget.
    const production = { ...config, env: 'production' as const, publicUrl: 'https://shop.example.com' };
    expect(await passedChallenge({ config: production, log }, DUMMY_TOKEN, null)).toBe(false);
    expect(await checks()).toHaveLength(1);
  });

  it('counts as not passed when siteverify fails twice, and passes when it recovers on the retry', async () => {
    const fault = (count: number) =>
      sim('/_sim/turnstile/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count }),
      });
    await fault(2);
    expect(await passedChallenge({ config, log }, DUMMY_TOKEN, null)).toBe(false);
    await fault(1);
    expect(await passedChallenge({ config, log }, DUMMY_TOKEN, null)).toBe(true);
  });
});
