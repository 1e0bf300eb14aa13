import { describe, expect, it } from 'vitest';
import { call, signIn } from '../support/index.ts';

describe('sign-in end to end', () => {
  it('signs a customer in through the queue and the outbox', async () => {
    const cookie = await signIn('first@example.com');
    const me = await call('/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ customer: { email: 'first@example.com', isAdmin: false } });
  });
});
