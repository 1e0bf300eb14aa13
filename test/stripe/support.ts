// Stripe client test helpers: the StripeError a call must end in.
import { expect } from 'vitest';
import { StripeError } from '../../src/stripe/index.ts';

/** The StripeError `promise` rejects with (the test fails if it resolves, or rejects with anything else). */
export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(StripeError);
      return err as StripeError;
    },
  );
