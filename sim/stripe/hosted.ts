// The hosted checkout page at a session's `url` (/stripe/checkout/:id): what a customer's browser sees, with
// one button per way a payment can go (paid, free with a 100 %-off code, async success or failure, refunded or
// disputed later) and the way back to the shop. Going back only leaves the page (`cancel_url`: "Checkout displays a
// back button and customers will be directed to this URL if they decide to cancel payment"); the session stays open
// until its `expires_at` ("by default, this value is 24 hours from creation"), docs.stripe.com/api/checkout/sessions/create.
import { type Context, Hono } from 'hono';
import { later } from './clock.ts';
import { openDispute } from './disputes.ts';
import { chargeOfSession, pay, SIM_TAX_PERCENT, settle, startAsync } from './lifecycle.ts';
import { type SimSession, sessions } from './objects.ts';
import { refund } from './refunds.ts';

/** Seconds before a scheduled async settlement or "refund later" happens in the hosted page. */
const LATER_MS = 8_000;
/** The promotion code the hosted page offers when the session allows codes. */
const PROMO_CODE = 'SIM10';
const PROMO_PERCENT = 10;
/** The code that makes the order free (a no-cost order, payment_status no_payment_required). */
const FREE_CODE = 'FREE100';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border-radius:12px;box-shadow:0 4px 24px #0001;padding:2rem;max-width:28rem;width:90%}
h1{font-size:1.25rem;margin:0 0 .25rem}.total{font-size:2rem;font-weight:700;margin:.5rem 0 1rem}.muted{color:#697386;font-size:.9rem}
form{margin:.5rem 0}button{width:100%;padding:.75rem;border-radius:8px;border:1px solid #d5dbe1;background:#fff;font:inherit;cursor:pointer}
button.primary{background:#635bff;color:#fff;border-color:#635bff}.sim{background:#fff8e1;border-radius:8px;padding:.5rem .75rem;font-size:.85rem;margin-bottom:1rem}
</style></head><body><main>${body}</main></body></html>`;
}

function checkoutPage(session: SimSession): string {
  const items = session._lineItems
    .map((i) => `<li>${esc(i.name)} × ${i.quantity} — ${money(i.amount * i.quantity, session.currency)}</li>`)
    .join('');
  const email = session.customer_details?.email ?? '';
  const action = (path: string, label: string, primary = false) =>
    `<form method="post" action="/stripe/checkout/${session.id}/${path}"><button${primary ? ' class="primary"' : ''}>${label}</button></form>`;
  if (session.status !== 'open')
    return page(
      'Checkout',
      `<h1>This checkout session is ${session.status}</h1><p class="muted">${esc(session.id)}</p>`,
    );
  return page(
    'Checkout (simulator)',
    `<div class="sim">Stripe simulator — no real payment is taken.</div>
<h1>Pay</h1><p class="muted">${esc(email)}</p><ul>${items}</ul><p class="total">${money(session.amount_total, session.currency)}</p>
${session.automatic_tax.enabled ? `<p class="muted">Tax (simulated ${SIM_TAX_PERCENT} %) is added when you pay.</p>` : ''}
${action('pay', 'Pay', true)}
${session.allow_promotion_codes ? action('pay-promo', `Pay with promotion code ${PROMO_CODE} (${PROMO_PERCENT} % off)`) : ''}
${session.allow_promotion_codes ? action('pay-free', `Complete with promotion code ${FREE_CODE} (100 % off)`) : ''}
${action('async-succeed', `Pay with async payment (succeeds after ${LATER_MS / 1000} s)`)}
${action('async-fail', `Pay with async payment (fails after ${LATER_MS / 1000} s)`)}
${action('refund-later', `Pay, then refund in full after ${LATER_MS / 1000} s`)}
${action('dispute-later', `Pay, then dispute (chargeback) after ${LATER_MS / 1000} s`)}
${action('cancel', 'Back to the shop (the session stays open until it expires)')}`,
  );
}

const unknownSession = (c: Context) => c.html(page('Checkout', '<h1>Unknown checkout session</h1>'), 404);

function successRedirect(c: Context, session: SimSession) {
  return c.redirect(session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id), 303);
}

function hosted(c: Context, act: (session: SimSession) => 'success' | 'cancel') {
  const session = sessions.get(c.req.param('id') ?? '');
  if (!session) return unknownSession(c);
  if (session.status !== 'open') return c.html(checkoutPage(session), 409);
  const outcome = act(session);
  if (outcome === 'success') return successRedirect(c, session);
  return c.redirect(session.cancel_url ?? session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id), 303);
}

export const hostedCheckout = new Hono()
  .get('/:id', (c) => {
    const session = sessions.get(c.req.param('id'));
    return session ? c.html(checkoutPage(session)) : unknownSession(c);
  })
  .post('/:id/pay', (c) =>
    hosted(c, (s) => {
      pay(s);
      return 'success';
    }),
  )
  .post('/:id/pay-promo', (c) =>
    hosted(c, (s) => {
      pay(s, { discount: Math.round((s.amount_subtotal * PROMO_PERCENT) / 100) });
      return 'success';
    }),
  )
  .post('/:id/pay-free', (c) =>
    hosted(c, (s) => {
      pay(s, { discount: s.amount_subtotal });
      return 'success';
    }),
  )
  .post('/:id/async-succeed', (c) =>
    hosted(c, (s) => {
      startAsync(s);
      later(LATER_MS, () => settle(s, 'succeeded'));
      return 'success';
    }),
  )
  .post('/:id/async-fail', (c) =>
    hosted(c, (s) => {
      startAsync(s);
      later(LATER_MS, () => settle(s, 'failed'));
      return 'success';
    }),
  )
  .post('/:id/refund-later', (c) =>
    hosted(c, (s) => {
      pay(s);
      later(LATER_MS, () => refund(chargeOfSession(s), null, 'requested_by_customer'));
      return 'success';
    }),
  )
  .post('/:id/dispute-later', (c) =>
    hosted(c, (s) => {
      pay(s);
      later(LATER_MS, () => openDispute(chargeOfSession(s), { amount: null, reason: null, inquiry: false }));
      return 'success';
    }),
  )
  .post('/:id/cancel', (c) => hosted(c, () => 'cancel'));
