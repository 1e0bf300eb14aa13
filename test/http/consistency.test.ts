// Every route of the Worker says which copy of the database it reads (src/http/consistency.ts): the primary unless it
// is listed here. A new route with no declaration fails this test, and so does a route that declares its copy after a
// guard has opened the database (the declaration would come too late to count).
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { declarationOf, type ReadCopy, type ReadDeclaration } from '../../src/http/consistency.ts';
import { api } from '../../src/index.ts';
import { site } from '../../src/routes/site.ts';

/** The routes that may read a replica; every other route of the Worker reads the primary. */
const NOT_PRIMARY: Record<string, ReadCopy> = {
  // The dashboard's own reads, near the customer: at least as new as the browser's last write.
  'GET /api/auth/me': 'bookmark',
  'GET /api/account': 'bookmark',
  'GET /api/purchases': 'bookmark',
  'GET /api/sessions': 'bookmark',
  'GET /api/usage': 'bookmark',
  'GET /api/reminders': 'bookmark',
  'GET /api/auto-top-up': 'bookmark',
  // The dashboard's page, rendered with the account it reads in the session check's round trip (as /api/account).
  'GET /dashboard': 'bookmark',
  // Nothing of anybody's: the public config, availability (KV), the API's documentation, the pages.
  'GET /api/config': 'replica',
  'GET /api/stock': 'replica',
  'GET /api/incidents': 'replica',
  'GET /api/v1/openapi.json': 'replica',
  'GET /api/v1/docs': 'replica',
  'GET /robots.txt': 'replica',
  'GET /sitemap.xml': 'replica',
  'GET /*': 'replica',
};

/** Hono keeps a mounted router's handler behind the wrapper that applies the router's error handler. */
function unwrap(handler: unknown): unknown {
  const inner = (handler as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER;
  return inner ? unwrap(inner) : handler;
}

/** Whether middleware registered at `pattern` (`/api/admin/*`, `/api/*`, `*`) runs for the route at `path`. */
function covers(pattern: string, path: string): boolean {
  if (pattern === path || pattern === '*' || pattern === '/*') return true;
  if (!pattern.endsWith('/*')) return false;
  const prefix = pattern.slice(0, -2);
  return path === prefix || path.startsWith(`${prefix}/`);
}

interface RouteRead {
  route: string;
  copy: ReadCopy | undefined;
  /** A route's own declaration placed after a guard that opens the database. */
  misordered: boolean;
}

/** Each endpoint of `app` and the copy its chain of handlers declares, in the order Hono runs them. */
function routeReads(app: Hono<never>): RouteRead[] {
  const entries = app.routes.map((r) => ({ ...r, declared: declarationOf(unwrap(r.handler)) }));
  const endpoints = [...new Set(entries.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
  return endpoints.map((route) => {
    const [method, path] = route.split(' ') as [string, string];
    const chain = entries
      .filter((r) => (r.method === 'ALL' ? covers(r.path, path) : r.method === method && r.path === path))
      .map((r) => r.declared)
      .filter((d): d is ReadDeclaration => d !== undefined);
    const own = chain.filter((d) => d.by === 'route').at(-1);
    const guard = chain.find((d) => d.by === 'default');
    const firstGuard = chain.findIndex((d) => d.by === 'default');
    return {
      route: `${method} ${path === '*' ? '/*' : path}`,
      copy: own?.copy ?? guard?.copy,
      misordered: firstGuard >= 0 && chain.slice(firstGuard).some((d) => d.by === 'route' && d.copy !== 'primary'),
    };
  });
}

const ALL_ROUTES = [...routeReads(api as unknown as Hono<never>), ...routeReads(site as unknown as Hono<never>)];

describe('the copy of the database each route reads', () => {
  it('is declared by every route of the Worker', () => {
    expect(ALL_ROUTES.length).toBeGreaterThan(50);
    expect(ALL_ROUTES.filter((r) => r.copy === undefined).map((r) => r.route)).toEqual([]);
  });

  it('is declared before any guard opens the database', () => {
    expect(ALL_ROUTES.filter((r) => r.misordered).map((r) => r.route)).toEqual([]);
  });

  it('is the primary for every route but the dashboard’s own reads and what reads nobody’s data', () => {
    const notPrimary = Object.fromEntries(ALL_ROUTES.filter((r) => r.copy !== 'primary').map((r) => [r.route, r.copy]));
    expect(notPrimary).toEqual(NOT_PRIMARY);
  });

  it('is the primary for every route of the customer API that takes a token', () => {
    const tokenRoutes = ALL_ROUTES.filter((r) => /^\S+ \/api\/v1\//.test(r.route) && !/openapi|docs/.test(r.route));
    expect(tokenRoutes.length).toBeGreaterThanOrEqual(6);
    expect(tokenRoutes.filter((r) => r.copy !== 'primary')).toEqual([]);
  });
});
