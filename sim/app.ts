// The local stand-ins for Proxies.sx, Stripe and the mail provider, with test controls under /_sim/.
// Development and test tool only: nothing in src/ imports it, so it never ships in the Worker.
import { Hono } from 'hono';
import { mailSim } from './mail.ts';
import { listCalls, recordCall, resetAll } from './state.ts';
import { stripeSim } from './stripe.ts';

export const simApp = new Hono()
  .use('/v1/*', async (c, next) => {
    recordCall(c.req.method, new URL(c.req.url).pathname + new URL(c.req.url).search);
    await next();
  })
  .get('/_sim/calls', (c) => c.json(listCalls()))
  .post('/_sim/reset', (c) => {
    resetAll();
    return c.json({ ok: true });
  })
  .route('/_sim/outbox', mailSim)
  // Stripe at the root: /v1/customers, /v1/checkout/sessions, /v1/refunds, the hosted page /stripe/checkout/:id, /_sim/stripe/*.
  .route('/', stripeSim)
  .get('/', (c) =>
    c.text('Simulators: Proxies.sx under /v1, Stripe API under /v1/customers|checkout|refunds (hosted page /stripe/checkout/:id), mail outbox at /_sim/outbox. See README "Simulators".'),
  );
