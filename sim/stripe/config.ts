// The Stripe simulator's settings: the API key it accepts, the webhook secret it signs with, and where (and
// whether) it delivers events to the shop.
import { existsSync } from 'node:fs';
import { readDevVars } from '../../devkit/dev-vars.ts';

interface StripeSimSettings {
  secretKey: string;
  webhookSecret: string;
  /** 'post': deliver events to the shop over HTTP (dev); 'record': only keep them for GET /_sim/stripe/deliveries (tests). */
  delivery: 'post' | 'record';
  /** The shop's webhook endpoint. */
  webhookUrl: string;
}

const WEBHOOK_PATH = '/api/stripe/webhook';

let settings: StripeSimSettings | undefined;

/** Read lazily from the simulator's env, falling back to `.dev.vars.example`, the shop's own dev config. */
export function config(): StripeSimSettings {
  if (!settings) {
    const example = existsSync('.dev.vars.example') ? readDevVars('.dev.vars.example') : {};
    const shopUrl = (process.env.SHOP_URL || `http://127.0.0.1:${process.env.PORT || 8787}`).replace(/\/+$/, '');
    settings = {
      secretKey: process.env.STRIPE_SECRET_KEY || example.STRIPE_SECRET_KEY || 'sk_test_sim_local',
      webhookSecret:
        process.env.STRIPE_WEBHOOK_SECRET || example.STRIPE_WEBHOOK_SECRET || 'whsec_sim_local_signing_secret',
      delivery: process.env.SIM_STRIPE_DELIVERY === 'record' ? 'record' : 'post',
      webhookUrl: `${shopUrl}${WEBHOOK_PATH}`,
    };
  }
  return settings;
}
