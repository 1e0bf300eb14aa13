// How the simulated platform answers over HTTP: NestJS-style errors (`{statusCode, message, error}`) and
// JSON bodies checked against the contract's request schemas, unknown properties refused (its whitelist pipe).
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type * as z from '../../src/zod.ts';

export type Env = { Bindings: HttpBindings; Variables: { requestId: string } };
export type Ctx = Context<Env>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function nestError(c: Ctx, status: number, message: string | string[], extra: Record<string, unknown> = {}) {
  return c.json({ statusCode: status, message, error: REASONS[status] ?? 'Error', ...extra }, status as 400);
}

async function readBody(c: Ctx): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; res: Response }> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: true, body: {} };
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { ok: false, res: nestError(c, 400, ['body must be an object']) };
    return { ok: true, body: body as Record<string, unknown> };
  } catch {
    return { ok: false, res: nestError(c, 400, `Unexpected token in JSON body`) };
  }
}

function validationMessages(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || 'body'} ${i.message}`);
}

/** The request body as `schema` reads it, or the 400 listing unknown properties and every invalid field. */
export async function readInput<S extends z.ZodMiniObject>(
  c: Ctx,
  schema: S,
): Promise<{ ok: true; input: z.infer<S> } | { ok: false; res: Response }> {
  const read = await readBody(c);
  if (!read.ok) return read;
  const allowed = Object.keys(schema.shape);
  const extra = Object.keys(read.body)
    .filter((k) => !allowed.includes(k))
    .map((k) => `property ${k} should not exist`);
  const parsed = schema.safeParse(read.body);
  if (extra.length || !parsed.success)
    return {
      ok: false,
      res: nestError(c, 400, [...extra, ...(parsed.success ? [] : validationMessages(parsed.error.issues))]),
    };
  return { ok: true, input: parsed.data as z.infer<S> };
}
