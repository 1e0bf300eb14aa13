// /checkout/:tierId — "Buy" lands here: signed in, it starts a Stripe Checkout and leaves for it; signed out, it
// sends the customer to sign in and back here afterwards.
import { useEffect } from 'preact/hooks';
import { formatMoney } from '../../../src/shared/format.ts';
import { RequestError } from '../api.ts';
import { navigate } from '../router.ts';
import { shopConfig } from '../state/config.ts';
import { startCheckout } from '../state/purchases.ts';
import { useResource } from '../state/resource.ts';
import { customer } from '../state/session.ts';

export function Checkout({ tierId }: { tierId: string }) {
  const tier = shopConfig().tiers.find((t) => t.id === tierId);
  const onSale = tier !== undefined;
  // Known to be signed out: no need to ask the server first.
  const checkout = useResource(
    (id) => (onSale && customer.peek() !== null ? startCheckout(id) : Promise.resolve(null)),
    tierId,
  );
  const url = checkout.data.value;
  const failure = checkout.error.value;
  const signedOut = customer.value === null || (failure instanceof RequestError && failure.status === 401);

  useEffect(() => {
    // Effects stop when the customer leaves this page: no late redirect to Stripe.
    if (url) location.assign(url);
    else if (onSale && signedOut)
      navigate(`/signin?next=${encodeURIComponent(`/checkout/${tierId}`)}`, { replace: true });
  }, [url, onSale, signedOut, tierId]);

  if (!tier)
    return (
      <section class="center">
        <h1>No such plan</h1>
        <p class="muted">This plan is not on sale any more.</p>
        <a class="button" href="/#pricing">
          See the plans
        </a>
      </section>
    );

  return (
    <section class="center" aria-live="polite">
      <h1>
        {tier.name} — {formatMoney(tier.price, tier.currency)}
      </h1>
      <p class="muted">
        {tier.gb} GB{tier.validityDays ? `, valid ${tier.validityDays} days` : ''}
      </p>
      {failure && !signedOut ? (
        <div role="alert" class="card">
          <p class="error-text">{failure.message}</p>
          <p>
            <button type="button" onClick={checkout.run}>
              Try again
            </button>{' '}
            <a class="button secondary" href="/#pricing">
              Back to pricing
            </a>
          </p>
        </div>
      ) : (
        <p aria-busy="true">Taking you to secure payment…</p>
      )}
    </section>
  );
}
