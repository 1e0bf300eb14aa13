// /reminders/unsubscribe?token=…, the page a reminder mail's "Stop these reminders" link opens, rendered whole by the
// Worker in the customer's language: opening it only asks (mail scanners open links), and its button posts the same
// one-click form a mail client sends (RFC 8058).
import type { UnsubscribeView } from '../../../src/shared/refill.ts';
import { Breakable } from '../components/Breakable.tsx';
import { href, rich, t } from '../i18n.ts';
import { shopConfig } from '../state/config.ts';

function Address({ email }: { email: string }) {
  return (
    <strong>
      <Breakable text={email} />
    </strong>
  );
}

export function Unsubscribe({ view }: { view: UnsubscribeView }) {
  const brand = shopConfig().brand.name;
  const dashboard = <a href={href('/dashboard')}>{t('unsubscribe.dashboard')}</a>;
  switch (view.state) {
    case 'ask':
      return (
        <section class="narrow card stack">
          <h1>{t('unsubscribe.askTitle')}</h1>
          <p>{rich('unsubscribe.askText', { email: <Address email={view.email} />, brand })}</p>
          <form method="post" action={view.action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">{t('unsubscribe.button')}</button>
          </form>
          <p class="muted">{rich('unsubscribe.also', { dashboard })}</p>
        </section>
      );
    case 'off':
      return (
        <section class="narrow card stack">
          <h1>{t('unsubscribe.doneHeading')}</h1>
          <p>{rich('unsubscribe.doneText', { email: <Address email={view.email} />, brand })}</p>
          <p>{rich('unsubscribe.again', { dashboard })}</p>
        </section>
      );
    case 'invalid':
      return (
        <section class="narrow card stack">
          <h1>{t('unsubscribe.invalidHeading')}</h1>
          <p>{rich('unsubscribe.invalidText', { dashboard })}</p>
        </section>
      );
  }
}
