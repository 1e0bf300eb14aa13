// The customer API's operations as the OpenAPI 3.1 document lists them (paths, parameters, answers, errors), from each
// route's own declaration (src/routes/api-v1.ts) and the zod schemas it validates with (zod's own JSON Schema output,
// which works on zod/mini). Run at build time, not in the Worker: `npm run openapi` writes openapi.generated.json,
// and test/api/openapi.test.ts fails when the declarations and that file differ.
import * as z from '../zod.ts';
import type { ApiOperation, OperationsDocument } from './openapi.ts';
import { errorAnswer, INTEGER_PARAMETERS } from './schemas.ts';

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

/** The part of the document that depends only on the code: every operation, and the shared components. */
export function operationsDocument(operations: readonly ApiOperation[]): OperationsDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method] = operation(op);
  }
  return {
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
