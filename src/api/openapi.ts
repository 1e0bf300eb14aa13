// The OpenAPI 3.1 document of the customer API, generated from each route's own declaration (src/routes/api-v1.ts)
// and the zod schemas it validates with (zod's own JSON Schema output, which works on zod/mini: no second zod in the
// Worker). Built once per isolate and shop.
import type { Config } from '../config/index.ts';
import type { ApiScope } from '../shared/tokens.ts';
import * as z from '../zod.ts';
import { errorAnswer, INTEGER_PARAMETERS } from './schemas.ts';

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

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
};

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed; `error.message` names the field.',
  401: 'No token, or a token that is mistyped, expired or revoked.',
  403: 'The token lacks the scope this needs, or the account is suspended.',
  404: 'Not found.',
  409: 'There is no working key yet (nothing bought, or still being made).',
  429: 'Over a limit: wait for `Retry-After` seconds.',
  503: 'The proxy platform could not be asked just now; try again shortly.',
};

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // A whole-number query parameter is text on the wire, but an integer to the client that sends it.
    override: ({ zodSchema, jsonSchema }) => {
      const range = INTEGER_PARAMETERS.get(zodSchema);
      if (!range) return;
      delete jsonSchema.pattern;
      Object.assign(jsonSchema, { type: 'integer', ...range });
    },
  }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodMiniObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

const errorRef = { $ref: '#/components/schemas/Error' };

function responses(op: ApiOperation) {
  const ok = op.answer
    ? {
        description: 'OK',
        headers: { 'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' } },
        content: {
          'application/json': { schema: jsonSchema(op.answer, 'output') },
          ...Object.fromEntries((op.alsoAs ?? []).map((type) => [type, { schema: { type: 'string' } }])),
        },
      }
    : { description: 'OK' };
  if (!op.scope) return { 200: ok };
  const statuses = [400, 401, 403, 429, ...(op.errors ?? [])].sort();
  return {
    200: ok,
    ...Object.fromEntries(
      statuses.map((status) => [
        status,
        {
          description: ERROR_TEXT[status],
          ...(status === 429
            ? {
                headers: {
                  'Retry-After': { schema: { type: 'integer' } },
                  RateLimit: { $ref: '#/components/headers/RateLimit' },
                },
              }
            : {}),
          content: { 'application/json': { schema: errorRef } },
        },
      ]),
    ),
  };
}

function operation(op: ApiOperation) {
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.scope ? `${op.description}\n\nToken scope: \`${op.scope}\`.` : op.description,
    ...(op.scope ? {} : { security: [] }),
    parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
    responses: responses(op),
  };
}

function build(config: Pick<Config, 'publicUrl' | 'brand' | 'api'>, operations: readonly ApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${config.brand.name} API`,
      version: '1',
      description: `Proxy URLs, usage and sessions of your ${config.brand.name} proxy key, for your scripts. Make a token in your dashboard and send it as \`Authorization: Bearer pst_…\`. Each token may make ${config.api.requestsPerMinute} requests a minute, and all of your tokens together ${config.api.customerRequestsPerMinute}. Times are unix milliseconds; errors are \`{error: {code, message, requestId}}\`.`,
    },
    servers: [{ url: `${config.publicUrl}/api/v1` }],
    security: [{ token: [] }],
    paths,
    components: {
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'pst_…',
          description: 'A personal access token from your dashboard (scopes: read, sessions).',
        },
      },
      headers: {
        'RateLimit-Policy': {
          description:
            'The limits: `"per-token";q=<requests>;w=<seconds>, "per-customer";q=<requests>;w=<seconds>` (IETF RateLimit header fields).',
          schema: { type: 'string' },
        },
        RateLimit: {
          description:
            'On a refusal, the limit it is over: `"per-token";r=0;t=<seconds until the window ends>` (or `"per-customer"`).',
          schema: { type: 'string' },
        },
      },
      schemas: { Error: jsonSchema(errorAnswer, 'output') },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof build>;

/** The document of `operations` for a shop (its URL, name and limits), built once per config. */
export function openApiDocuments(operations: readonly ApiOperation[]): (config: Config) => OpenApiDocument {
  const built = new WeakMap<Config, OpenApiDocument>();
  return (config) => {
    let doc = built.get(config);
    if (!doc) {
      doc = build(config, operations);
      built.set(config, doc);
    }
    return doc;
  };
}
