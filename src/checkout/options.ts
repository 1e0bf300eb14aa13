// The Checkout Session's optional parts, from the CHECKOUT_* vars (all off by default): promotion codes, Stripe's
// Adaptive Pricing (Checkout shows the one price converted into the buyer's currency), Stripe Tax
// (tax added on top of the tier's price, with tax IDs and the billing address collected and saved on the Stripe
// customer, as Stripe requires for an existing customer), an invoice for the payment; and, for a customer with auto
// top-up on, the card saved for off-session charges. Pure.
import type { Config } from '../config/index.ts';
import type { Stripe } from '../stripe/index.ts';

type SessionParams = Stripe.Checkout.SessionCreateParams;

export function checkoutOptions(
  options: Config['checkout'],
  metadata: Record<string, string>,
  saveCard: boolean,
): Partial<SessionParams> {
  return {
    ...(options.promotionCodes ? { allow_promotion_codes: true } : {}),
    ...(options.adaptivePricing ? { adaptive_pricing: { enabled: true } } : {}),
    ...(options.automaticTax
      ? {
          automatic_tax: { enabled: true },
          tax_id_collection: { enabled: true },
          billing_address_collection: 'required',
          customer_update: { address: 'auto', name: 'auto' },
        }
      : {}),
    ...(options.invoice ? { invoice_creation: { enabled: true, invoice_data: { metadata } } } : {}),
    payment_intent_data: { metadata, ...(saveCard ? { setup_future_usage: 'off_session' } : {}) },
  };
}

/** With Stripe Tax on, the tier's price is before tax (tax is added on top and shown apart). */
export function taxBehavior(options: Config['checkout']): { tax_behavior?: 'exclusive' } {
  return options.automaticTax ? { tax_behavior: 'exclusive' } : {};
}
