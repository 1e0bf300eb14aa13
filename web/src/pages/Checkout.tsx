// /checkout/:tierId — "Buy" lands here: signed in, it starts a Stripe Checkout and leaves for it; signed out, the
// Worker (or the app, app.tsx) sends the customer to sign in and back here afterwards.
import { useEffect } from 'preact/hooks';
import { formatDays, formatGb, formatMoney } from '../../../src/shared/format.ts';
import { RequestError } from '../api.ts';
import { href, t } from '../i18n.ts';
import { shopConfig } from '../state/config.ts';
import { startCheckout } from '../state/purchases.ts';
import { useResource } from '../state/resource.ts';
import { customer, sessionEnded } from '../state/session.ts';

export function Checkout({ tierId }: { tierId: string }) {
  const tier = shopConfig().tiers.find((x) => x.id === tierId);
  const who = customer.value;

  if (!tier)
    return (
      <section class="center">
        <h1>{t('checkout.noPlan')}</h1>
        <p class="muted">{t('checkout.noPlanText')}</p>
        <a class="button" href={href('/#pricing')}>
          {t('landing.seePlans')}
        </a>
      </section>
    );

  return (
    <section class="center" aria-live="polite">
      <h1>
        {tier.name} — {formatMoney(tier.price, tier.currency)}
      </h1>
      <p class="muted">
        {tier.validityDays
          ? t('checkout.trafficValid', { traffic: formatGb(tier.gb), days: formatDays(tier.validityDays) })
          : formatGb(tier.gb)}
      </p>
      {/* Only once the session probe has answered: a signed-out visitor never sends a refused checkout request. */}
      {who ? <Payment key={who.id} tierId={tierId} /> : <Leaving />}
    </section>
  );
}

function Leaving() {
  return <p aria-busy="true">{t('checkout.leaving')}</p>;
}

/** Starts the Stripe Checkout and leaves for it, or says why it could not. */
function Payment({ tierId }: { tierId: string }) {
  const checkout = useResource(startCheckout, tierId);
  const url = checkout.data.value;
  const failure = checkout.error.value;
  const sessionGone = failure instanceof RequestError && failure.status === 401;

  useEffect(() => {
    // Effects stop when the customer leaves this page: no late redirect to Stripe.
    if (url) location.assign(url);
    else if (sessionGone) sessionEnded();
  }, [url, sessionGone]);

  if (!failure || sessionGone) return <Leaving />;
  return (
    <div role="alert" class="card">
      <p class="error-text">{failure.message}</p>
      <p>
        <button type="button" onClick={checkout.run}>
          {t('site.tryAgain')}
        </button>{' '}
        <a class="button secondary" href={href('/#pricing')}>
          {t('checkout.backToPricing')}
        </a>
      </p>
    </div>
  );
}
