// `Idempotency-Key` on POST as the platform honours it: the first answer is replayed for 24 h, and concurrent
// duplicates wait for it. A 5xx is not kept, so a retry after a server failure acts again.
import type { MiddlewareHandler } from 'hono';
import { IDEMPOTENCY_KEY_PATTERN } from '../../src/pool/contract.ts';
import { onReset } from '../state.ts';
import { type Env, nestError } from './http.ts';
import { DAY_MS, now } from './store.ts';

const IDEMPOTENCY_WINDOW_MS = DAY_MS;

interface Answer {
  status: number;
  body: string;
}

/** `api key|method|path|Idempotency-Key` → when it was first seen and its (possibly pending) answer. */
const answers = new Map<string, { at: number; answer: Promise<Answer> }>();

onReset(() => answers.clear());

export const idempotent: MiddlewareHandler<Env> = async (c, next) => {
  const idemKey = c.req.header('idempotency-key');
  if (idemKey === undefined) return next();
  if (!IDEMPOTENCY_KEY_PATTERN.test(idemKey))
    return nestError(c, 400, ['Idempotency-Key must be 8-128 characters of [A-Za-z0-9_-]']);
  const id = `${c.req.header('x-api-key')}|${c.req.method}|${new URL(c.req.url).pathname}|${idemKey}`;
  const stored = answers.get(id);
  if (stored && now() - stored.at < IDEMPOTENCY_WINDOW_MS) {
    const answer = await stored.answer;
    return c.body(answer.body, answer.status as 200, {
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
    });
  }
  let settle!: (answer: Answer) => void;
  const answer = new Promise<Answer>((resolve) => (settle = resolve));
  answers.set(id, { at: now(), answer });
  await next();
  const body = await c.res.clone().text();
  if (c.res.status >= 500) answers.delete(id);
  settle({ status: c.res.status, body });
};
