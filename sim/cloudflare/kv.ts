// Workers KV namespaces: list (paged, ordered by title) and create. Titles are unique per account, as on Cloudflare:
// a second namespace with a title is refused with code 10014 and Cloudflare's own words (what wrangler 4.164's
// provisioning meets when a failed first deploy is run again: workers-sdk #13242, #14284).
import { fail, jsonBody, newRouter, ok, paged } from './api.ts';
import { newId } from './state.ts';

export const kvRoutes = newRouter()
  .get('/accounts/:accountId/storage/kv/namespaces', (c) => {
    const namespaces = [...c.get('account').kv.values()]
      .map(({ id, title }) => ({ id, title, supports_url_encoding: true }))
      .sort((a, b) => a.title.localeCompare(b.title));
    if (c.req.query('direction') === 'desc') namespaces.reverse();
    return paged(c, namespaces);
  })
  .post('/accounts/:accountId/storage/kv/namespaces', async (c) => {
    const body = await jsonBody<{ title?: string }>(c);
    if (!body?.title) return fail(c, 400, 10019, 'title is required');
    const { kv } = c.get('account');
    if ([...kv.values()].some((ns) => ns.title === body.title))
      return fail(c, 400, 10014, 'a namespace with this account ID and title already exists');
    const namespace = { id: newId(), title: body.title };
    kv.set(namespace.id, namespace);
    return ok(c, { ...namespace, supports_url_encoding: true });
  });
