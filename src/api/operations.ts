// Every route of the customer API with the schemas it validates with and answers by (src/api/schemas.ts): the
// OpenAPI document and the reference page are generated from this table, and a test checks it lists every route.
import type { ApiScope } from '../shared/tokens.ts';
import type * as z from '../zod.ts';
import {
  closedAnswer,
  keyAnswer,
  proxyUrlsAnswer,
  proxyUrlsQuery,
  sessionParam,
  sessionsAnswer,
  usageAnswer,
  usageQuery,
} from './schemas.ts';

export interface ApiOperation {
  method: 'get' | 'delete';
  /** Under /api/v1, with OpenAPI's `{name}` for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** The token scope it needs; null: no token (the documentation itself). */
  scope: ApiScope | null;
  query?: z.ZodMiniObject;
  params?: z.ZodMiniObject;
  /** The JSON answer; null for the documentation routes. */
  answer: z.ZodMiniType | null;
  /** Other representations of the answer (`format=`), by media type. */
  alsoAs?: string[];
  /** Error statuses it can answer besides 400, 401, 403 and 429. */
  errors?: number[];
}

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/proxy-urls',
    operationId: 'listProxyUrls',
    summary: 'Proxy URLs of your key',
    description:
      'Proxy URLs with your key, built like the dashboard builds them. Without `count`: one URL with the rotation and sid you give. With `count`: that many sticky URLs, each with its own session id and so its own IP. `format=txt` answers one URL a line, `format=csv` a header row and one row a URL (both as a download).',
    scope: 'read',
    query: proxyUrlsQuery,
    answer: proxyUrlsAnswer,
    alsoAs: ['text/plain', 'text/csv'],
    errors: [409],
  },
  {
    method: 'get',
    path: '/usage',
    operationId: 'getUsage',
    summary: 'Traffic used and left',
    description:
      'Your cap, what is used and left, when it expires, and a daily series of traffic in and out. Read from the platform (at most every 10 s for the totals, 60 s for the series).',
    scope: 'read',
    query: usageQuery,
    answer: usageAnswer,
    errors: [503],
  },
  {
    method: 'get',
    path: '/key',
    operationId: 'getKey',
    summary: 'Key status',
    description:
      'Whether your key works and, when it does not, why. The key itself is never in this answer (GET /proxy-urls puts it in the URLs); it cannot be rotated with a token.',
    scope: 'read',
    answer: keyAnswer,
  },
  {
    method: 'get',
    path: '/sessions',
    operationId: 'listSessions',
    summary: 'Open gateway sessions',
    description: "Your key's open sticky sessions, most recently active first.",
    scope: 'read',
    answer: sessionsAnswer,
    errors: [503],
  },
  {
    method: 'delete',
    path: '/sessions',
    operationId: 'closeSessions',
    summary: 'Close every open session',
    description: "Closes all of your key's open sessions: the next request with a sid gets a new IP.",
    scope: 'sessions',
    answer: closedAnswer,
    errors: [503],
  },
  {
    method: 'delete',
    path: '/sessions/{key}',
    operationId: 'closeSession',
    summary: 'Close one session',
    description: "Closes one of your key's sessions (404 when it is not open).",
    scope: 'sessions',
    params: sessionParam,
    answer: closedAnswer,
    errors: [404, 503],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of this API.',
    scope: null,
    answer: null,
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getReference',
    summary: 'The API reference',
    description: 'This API as a readable page (HTML).',
    scope: null,
    answer: null,
  },
];
