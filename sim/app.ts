// The local stand-ins for Proxies.sx, Stripe, the mail provider and Turnstile's siteverify, with test controls under
// /_sim/.
// Development and test tool only: nothing in src/ imports it, so it never ships in the Worker.
// Each simulator records its own calls for `GET /_sim/calls` (the Proxies.sx one: only its own paths).
import { Hono } from 'hono';
import { mailSim } from './mail.ts';
import { proxiesApi, proxiesControls } from './proxies/index.ts';
import { listCalls, resetAll } from './state.ts';
import { stripeSim } from './stripe/index.ts';
import { turnstileSim } from './turnstile.ts';

export const simApp = new Hono()
  .route('/v1', proxiesApi)
  .get('/_sim/calls', (c) => c.json(listCalls()))
  .post('/_sim/reset', (c) => {
    resetAll();
    return c.json({ ok: true });
  })
  .route('/_sim/proxies', proxiesControls)
  .route('/_sim/outbox', mailSim)
  // Turnstile's siteverify (/turnstile/v0/siteverify) and its controls (/_sim/turnstile/*).
  .route('/', turnstileSim)
  // Stripe at the root: /v1/customers, /v1/checkout/sessions, /v1/refunds, the hosted page /stripe/checkout/:id, /_sim/stripe/*.
  .route('/', stripeSim)
  .get('/', (c) =>
    c.text(
      'Simulators: Proxies.sx under /v1/reseller|gateway|x402 (controls /_sim/proxies), Stripe API under /v1/customers|checkout|refunds (hosted page /stripe/checkout/:id, controls /_sim/stripe), mail outbox at /_sim/outbox, Turnstile siteverify at /turnstile/v0/siteverify. See README "Simulators".',
    ),
  );
