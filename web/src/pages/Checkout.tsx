// /checkout/:tierId — "Buy" lands here: signed in, it starts a Stripe Checkout and leaves for it; signed out, it
// sends the customer to sign in and back here afterwards.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { formatMoney } from '../../../src/shared/format.ts';
import { api, RequestError, read } from '../api.ts';
import { navigate } from '../router.ts';
import { config } from '../state/config.ts';
import { customer } from '../state/session.ts';

export function Checkout({ tierId }: { tierId: string }) {
  const tier = config.value!.tiers.find((t) => t.id === tierId);
  const error = useSignal<string | null>(null);
  const attempt = useSignal(0);

  const signIn = () => navigate(`/signin?next=${encodeURIComponent(`/checkout/${tierId}`)}`, { replace: true });

  const who = customer.value;
  useEffect(() => {
    // Wait for the session probe: a signed-out visitor is sent to sign in without a refused checkout request.
    if (!tier || who === undefined) return;
    if (who === null) return signIn();
    let cancelled = false;
    error.value = null;
    read(api.checkout.$post({ json: { tierId } }))
      .then(({ url }) => {
        if (!cancelled) location.assign(url);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (err instanceof RequestError && err.status === 401) return signIn();
        error.value = err instanceof Error ? err.message : 'Something went wrong. Please try again.';
      });
    return () => {
      cancelled = true;
    };
  }, [tierId, attempt.value, who === undefined ? undefined : (who?.id ?? null)]);

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
      {error.value ? (
        <div role="alert" class="card">
          <p class="error-text">{error.value}</p>
          <p>
            <button type="button" onClick={() => attempt.value++}>
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
