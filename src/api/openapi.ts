// The OpenAPI 3.1 document of the customer API: the operations, built from each route's declaration at build time
// (`npm run openapi` writes openapi.generated.json with openapi-build.ts; a test fails when they drift), with the shop's name, address and
// limit around them. Nothing is generated per isolate: the Worker carries no JSON Schema converter.
import type { Config } from '../config/index.ts';
import type { ApiScope } from '../shared/tokens.ts';
import type * as z from '../zod.ts';
import generated from './openapi.generated.json' with { type: 'json' };

/** What the document says of one route of the customer API (src/http/api-route.ts declares the route with it). */
export interface ApiOperation {
  method: 'get' | 'delete';
  /** Under /api/v1, with Hono's `:name` for path parameters (OpenAPI's `{name}` in the document). */
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
  alsoAs?: readonly string[];
  /** Error statuses it can answer besides 400, 401, 403 and 429. */
  errors?: readonly number[];
}

/** The document's operations and shared components: the same for every shop. */
export interface OperationsDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

function build(config: Pick<Config, 'publicUrl' | 'brand' | 'api'>, operations: OperationsDocument) {
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.brand.name} API`,
      version: '1',
      description: `Proxy URLs, usage and sessions of your ${config.brand.name} proxy key, for your scripts. Make a token in your dashboard and send it as \`Authorization: Bearer pst_…\`. Each token may make ${config.api.requestsPerMinute} requests a minute, and all of your tokens together ${config.api.customerRequestsPerMinute}. Times are unix milliseconds; errors are \`{error: {code, message, requestId}}\`.`,
    },
    servers: [{ url: `${config.publicUrl}/api/v1` }],
    security: [{ token: [] }],
    paths: operations.paths,
    components: operations.components,
  };
}

export type OpenApiDocument = ReturnType<typeof build>;

/** The operations `npm run openapi` wrote from the declarations. */
const OPERATIONS: OperationsDocument = generated;

const built = new WeakMap<Config, OpenApiDocument>();

/** The document for a shop (its URL, name and limits), once per config. */
export function openApiDocument(config: Config): OpenApiDocument {
  let doc = built.get(config);
  if (!doc) {
    doc = build(config, OPERATIONS);
    built.set(config, doc);
  }
  return doc;
}
