// Stripe simulator: the API subset the shop calls (served at the simulator's root, as Stripe's is at
// api.stripe.com's), a hosted checkout page, and correctly signed webhook events with test controls.
import { Hono } from 'hono';
import { stripeApi } from './api.ts';
import { stripeControls } from './controls.ts';
import { hostedCheckout } from './hosted.ts';

export const stripeSim = new Hono()
  .route('/', stripeApi)
  .route('/stripe/checkout', hostedCheckout)
  .route('/_sim/stripe', stripeControls);
