// The calls the shop makes to Stripe, in stripe-node's shape (`stripe.checkout.sessions.create(params,
// { idempotencyKey })`) and with its TypeScript types, type-only: no SDK code is bundled into the Worker.
import type Stripe from 'stripe';
import { type RequestOptions, type StripeTransportOptions, stripeTransport } from './transport.ts';

export interface StripeClient {
  customers: {
    create(params: Stripe.CustomerCreateParams, options?: RequestOptions): Promise<Stripe.Customer>;
  };
  checkout: {
    sessions: {
      create(params: Stripe.Checkout.SessionCreateParams, options?: RequestOptions): Promise<Stripe.Checkout.Session>;
      retrieve(
        id: string,
        params?: Stripe.Checkout.SessionRetrieveParams,
        options?: RequestOptions,
      ): Promise<Stripe.Checkout.Session>;
    };
  };
  refunds: {
    create(params: Stripe.RefundCreateParams, options?: RequestOptions): Promise<Stripe.Refund>;
  };
  paymentIntents: {
    create(params: Stripe.PaymentIntentCreateParams, options?: RequestOptions): Promise<Stripe.PaymentIntent>;
    retrieve(id: string, params?: Stripe.PaymentIntentRetrieveParams): Promise<Stripe.PaymentIntent>;
    list(params: Stripe.PaymentIntentListParams): Promise<Stripe.ApiList<Stripe.PaymentIntent>>;
  };
  tax: {
    calculations: {
      create(params: Stripe.Tax.CalculationCreateParams, options?: RequestOptions): Promise<Stripe.Tax.Calculation>;
    };
  };
}

export function createStripeClient(options: StripeTransportOptions): StripeClient {
  const request = stripeTransport(options);
  return {
    customers: {
      create: (params, opts) => request('POST', 'customers', params, opts),
    },
    checkout: {
      sessions: {
        create: (params, opts) => request('POST', 'checkout/sessions', params, opts),
        retrieve: (id, params, opts) => request('GET', `checkout/sessions/${encodeURIComponent(id)}`, params, opts),
      },
    },
    refunds: {
      create: (params, opts) => request('POST', 'refunds', params, opts),
    },
    paymentIntents: {
      create: (params, opts) => request('POST', 'payment_intents', params, opts),
      retrieve: (id, params) => request('GET', `payment_intents/${encodeURIComponent(id)}`, params),
      list: (params) => request('GET', 'payment_intents', params),
    },
    tax: {
      calculations: {
        create: (params, opts) => request('POST', 'tax/calculations', params, opts),
      },
    },
  };
}
