// Checked by `npm run typecheck`, never run: each guard types what it sets, so a handler that did not pass the guard
// cannot read it. Every `@ts-expect-error` below fails the type check the day that stops being true.
import { Hono } from 'hono';
import { requireToken } from '../../src/http/bearer.ts';
import type { AppEnv } from '../../src/http/context.ts';
import { limitPerCustomer } from '../../src/http/limits.ts';
import {
  optionalSession,
  requireAdmin,
  requireRecentSignIn,
  requireSession,
  requireSessionReading,
} from '../../src/http/session.ts';

const app = new Hono<AppEnv>();

// @ts-expect-error no guard: no identity
app.get('/none', (c) => c.json({ id: c.var.identity.customerId }));
// @ts-expect-error a guard that reads the identity does not set it
app.get('/limit', limitPerCustomer('usage'), (c) => c.json({ id: c.var.identity.customerId }));
// @ts-expect-error neither does one that asks for a recent sign-in
app.get('/recent', requireRecentSignIn(60_000), (c) => c.json({ id: c.var.identity.customerId }));
// @ts-expect-error a token is not a session
app.get('/token', requireToken('read'), (c) => c.json({ id: c.var.identity.customerId }));
// @ts-expect-error a session is not a token
app.get('/session', requireSession, (c) => c.json({ id: c.var.token.customerId }));
// @ts-expect-error reads come only with requireSessionReading
app.get('/reads', requireSession, (c) => c.json({ reads: c.var.reads }));
// @ts-expect-error the operator comes only with requireAdmin
app.get('/operator', requireSession, (c) => c.json({ email: c.var.operator.email }));
// @ts-expect-error optionalSession may find nobody
app.get('/optional', optionalSession, (c) => c.json({ id: c.var.identity.customerId }));
app.get('/maybe', optionalSession, (c) => c.json({ id: c.var.identity?.customerId ?? null }));
app.get('/admin', requireSession, requireAdmin, (c) =>
  c.json({ id: c.var.identity.customerId, operator: c.var.operator.email }),
);
app.get(
  '/reading',
  requireSessionReading(() => ({})),
  (c) => c.json({ id: c.var.identity.customerId, reads: Object.keys(c.var.reads) }),
);
app.get('/api', requireToken('read'), (c) => c.json({ id: c.var.token.customerId }));
