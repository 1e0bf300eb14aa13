// Who the token belongs to: the user, the token itself, its account and membership, and the account's workers.dev
// subdomain (a fresh account has none until one is registered).
import { fail, jsonBody, newRouter, ok } from './api.ts';

const USER_ID = 'sim-user';

export const accountRoutes = newRouter()
  .get('/user', (c) => ok(c, { id: USER_ID, email: 'reseller@example.com' }))
  .get('/user/tokens/verify', (c) => ok(c, { id: c.get('account').token.slice(-12), status: 'active' }))
  .get('/accounts', (c) => {
    const { id, name } = c.get('account');
    return ok(c, [{ id, name }], { page: 1, per_page: 20, count: 1, total_count: 1 });
  })
  .get('/memberships', (c) => {
    const { id, name } = c.get('account');
    return ok(c, [{ id: `membership-${id}`, status: 'accepted', account: { id, name }, roles: ['Administrator'] }]);
  })
  .get('/accounts/:accountId/workers/subdomain', (c) => {
    const { subdomain } = c.get('account');
    if (!subdomain) return fail(c, 404, 10007, 'This account does not have a workers.dev subdomain');
    return ok(c, { subdomain });
  })
  .put('/accounts/:accountId/workers/subdomain', async (c) => {
    const body = await jsonBody<{ subdomain?: string }>(c);
    if (!body?.subdomain || !/^[a-z0-9-]{1,63}$/.test(body.subdomain))
      return fail(c, 400, 10032, 'subdomain must be 1-63 lowercase letters, digits or hyphens');
    c.get('account').subdomain = body.subdomain;
    return ok(c, { subdomain: body.subdomain });
  });
