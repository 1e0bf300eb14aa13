// /dashboard: provisioning after Checkout, the empty state with the tiers, or the key with everything around it.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Announcer } from '../components/Announcer.tsx';
import { BuyTiers } from '../components/BuyTiers.tsx';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { DashboardSkeleton } from '../components/Skeleton.tsx';
import { t } from '../i18n.ts';
import { navigate, search } from '../router.ts';
import { account, resetAccount } from '../state/account.ts';
import { availabilityLoaded, ensureAvailability, loadAvailability } from '../state/availability.ts';
import { startCountry } from '../state/builder.ts';
import { shopConfig } from '../state/config.ts';
import { customer } from '../state/session.ts';
import { useVisibleInterval } from '../state/visible.ts';
import { AccountActions } from './AccountActions.tsx';
import { Banners } from './Banners.tsx';
import { Credentials } from './Credentials.tsx';
import { Provisioning } from './Provisioning.tsx';
import { Refill } from './Refill.tsx';
import { RotateKey } from './RotateKey.tsx';
import { UrlBuilder } from './UrlBuilder.tsx';
import { Expiry, UsageBar } from './Usage.tsx';

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;

// Below the fold, chunks of their own (as "Never run dry"'s settings are), so the dashboard's JavaScript stays within
// its budget in every language: the traffic chart (its chart shared with the console, fetched when the key is shown), the gateway's live sessions, the
// purchase history and the help with the username grammar (reading for later, at the foot of the page). The Worker
// renders only their placeholders, and its build drops their imports (import.meta.env.SSR).
const trafficChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./Traffic.tsx').then((chunk) => chunk.Traffic),
);
const sessionsChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./Sessions.tsx').then((panel) => panel.Sessions),
);
const purchasesChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./Purchases.tsx').then((panel) => panel.Purchases),
);
const helpChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./HelpPanel.tsx').then((panel) => panel.HelpPanel),
);

export function Dashboard() {
  const who = customer.value;
  /** undefined while unknown, null when signed out: a new customer id is a new dashboard. */
  const whoId = who === undefined ? undefined : (who?.id ?? null);
  const sessionId = new URLSearchParams(search.value).get('session_id');
  const checkoutSession = sessionId && SESSION_ID.test(sessionId) ? sessionId : null;
  const { defaultCountry, countries: offered } = shopConfig();

  useEffect(() => {
    // Signed out: the app sends the visitor to sign in (app.tsx); nothing of this account may stay in memory.
    if (whoId === null) resetAccount();
    if (!whoId) return;
    startCountry(offered, defaultCountry);
    // Already asked for when the app started on this page; a customer who just signed in asks now.
    if (!account.data.peek() && !account.loading.peek()) void account.run();
    void ensureAvailability();
  }, [whoId, defaultCountry, offered]);

  useVisibleInterval(account.run, 30_000, Boolean(who));
  useVisibleInterval(loadAvailability, 60_000, Boolean(who));

  const me = account.data.value;
  const accountError = account.error.value;
  const status = me?.key.status;
  useEffect(() => {
    // The key exists: the Checkout reference has done its job.
    if (checkoutSession && status && status !== 'provisioning' && status !== 'none')
      navigate('/dashboard', { replace: true });
  }, [checkoutSession, status]);

  if (!who) return <DashboardSkeleton />;

  let body: ComponentChildren;
  if (!me || !availabilityLoaded.value) {
    body =
      !me && accountError ? (
        <div class="card" role="alert">
          <p class="error-text">{accountError.message}</p>
          <button type="button" onClick={account.run}>
            {t('site.tryAgain')}
          </button>
        </div>
      ) : (
        <DashboardSkeleton />
      );
  } else if (status === 'provisioning' || (checkoutSession && status === 'none')) {
    body = <Provisioning sessionId={checkoutSession} />;
  } else if (status === 'none') {
    body = (
      <>
        <section class="card">
          <h2>{t('dash.noKey')}</h2>
          <p class="muted">{t('dash.noKeyText')}</p>
        </section>
        <BuyTiers title={t('dash.plans')} />
      </>
    );
  } else {
    // Checkout refuses a suspended customer, and a key the provider switched off takes no more traffic: no Buy.
    const canBuy = me.key.reason !== 'suspended' && me.key.reason !== 'provider_disabled';
    body = (
      <>
        <div class="grid">
          <Credentials me={me} />
          <section class="card" aria-labelledby="usage-title">
            <h2 id="usage-title">{t('dash.usage')}</h2>
            <UsageBar usage={me.key} />
            <Expiry expiresAt={me.key.expiresAt} />
            {canBuy && (
              <a class="button secondary" href="#buy-more">
                {t('dash.buyMore')}
              </a>
            )}
          </section>
        </div>
        <section class="card traffic" aria-labelledby="traffic-title">
          <h2 id="traffic-title">{t('dash.trafficPerDay')}</h2>
          <LazyPage
            chunk={trafficChunk}
            props={{
              leftMb: me.key.usedMb === null || me.key.capGb === null ? null : me.key.capGb * 1024 - me.key.usedMb,
              expiresAt: me.key.expiresAt,
            }}
          />
        </section>
        <UrlBuilder />
        <LazyPage chunk={sessionsChunk} />
        <RotateKey />
        <LazyPage chunk={purchasesChunk} props={{ email: me.customer.email }} />
        <Refill canBuy={canBuy} />
        {canBuy && <BuyTiers title={t('dash.buyMoreTraffic')} id="buy-more" />}
        <section class="card" aria-labelledby="help-title">
          <h2 id="help-title">{t('dash.howToUse')}</h2>
          <LazyPage chunk={helpChunk} props={{ username: me.gateway.username }} />
        </section>
      </>
    );
  }

  return (
    <div class="dashboard stack">
      <h1>{t('title.dashboard')}</h1>
      <Announcer />
      {me && availabilityLoaded.value && <Banners keyState={me.key} />}
      {body}
      {/* With the page, never below its placeholder: the page arriving above it would push it down. */}
      {me && availabilityLoaded.value && <AccountActions email={me.customer.email} />}
    </div>
  );
}
