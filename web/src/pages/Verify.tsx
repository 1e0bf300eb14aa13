// The page a sign-in email links to. The token is in the fragment (never sent to a server by a GET), and
// nothing happens until the customer presses "Continue": a mail scanner opening the link burns nothing.
// The page says which address the link signs in and where it goes next, so a link someone else sent (login CSRF:
// "pay for my plan on your card") is spotted before it signs anyone in, with a way out.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatMoney } from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { focusOnMount } from '../components/focus.ts';
import { href, rich, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { segmentAfter } from '../routes.ts';
import { shopConfig } from '../state/config.ts';
import { useAction, useResource } from '../state/resource.ts';
import { customer } from '../state/session.ts';
import { confirmSignIn, peekSignInLink, safeNext } from '../state/sign-in-link.ts';

/** Takes the token out of the address bar (and so out of history and bookmarks) as soon as it is read. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

/** Where the link continues to, in words: a plan's checkout (with its price), the dashboard, or the path itself. */
function destination(next: string | null): string {
  const path = safeNext(next);
  const tierId = segmentAfter('/checkout/', path.split(/[?#]/)[0] ?? '');
  const tier = shopConfig().tiers.find((x) => x.id === tierId);
  if (tier) return t('verify.toCheckout', { tier: tier.name, price: formatMoney(tier.price, tier.currency) });
  if (path.startsWith('/dashboard')) return t('verify.toDashboard');
  return path;
}

/** One view of the page; its heading is focused when the view appears. */
function View({ view, title, children }: { view: string; title: string; children: ComponentChildren }) {
  return (
    <section class="narrow stack">
      <h1 key={view} ref={focusOnMount} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

const peek = (token: string | null) => (token ? peekSignInLink(token) : Promise.resolve(null));

export function Verify() {
  const [token] = useState(takeTokenFromFragment);
  const [declined, setDeclined] = useState(false);
  const link = useResource(peek, token);
  const confirm = useAction(confirmSignIn);
  const details = link.data.value;
  const error = confirm.error.value?.message ?? link.error.value?.message;
  const busy = confirm.loading.value;

  async function proceed(token: string) {
    const next = await confirm.run(token);
    if (next !== undefined) navigate(safeNext(next), { replace: true });
  }

  if (declined)
    return (
      <View view="not-me" title={t('verify.nothing')}>
        <p>{t('verify.nothingText')}</p>
        <a class="button" href={href('/signin')}>
          {t('verify.ownAddress')}
        </a>
      </View>
    );

  if (!token)
    return (
      <View view="incomplete" title={t('verify.incomplete')}>
        <p>{t('verify.incompleteText')}</p>
        <a class="button" href={href('/signin')}>
          {t('verify.newLink')}
        </a>
      </View>
    );

  if (error || details === null)
    return (
      <View view="failed" title={t('verify.failed')}>
        <p role="alert">{error ?? t('verify.invalid')}</p>
        <a class="button" href={href('/signin')}>
          {t('verify.newLink')}
        </a>
      </View>
    );

  if (details === undefined)
    return (
      <View view="checking" title={t('title.verify')}>
        <p class="muted" aria-busy="true">
          {t('verify.checking')}
        </p>
      </View>
    );

  const current = customer.value;
  return (
    <View view="confirm" title={t('title.verify')}>
      <p>
        {rich('verify.signsIn', {
          email: (
            <strong>
              <Breakable text={details.email} />
            </strong>
          ),
          next: destination(details.next),
        })}
      </p>
      {current && current.email !== details.email && (
        <p class="muted">
          {rich('verify.switches', {
            current: <Breakable text={current.email} />,
            email: <Breakable text={details.email} />,
          })}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => proceed(token)} disabled={busy} aria-busy={busy}>
          {busy ? (
            t('verify.signingIn')
          ) : (
            <span>{rich('verify.continueAs', { email: <Breakable text={details.email} /> })}</span>
          )}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => setDeclined(true)}>
          {t('verify.notMe')}
        </button>
      </div>
    </View>
  );
}
