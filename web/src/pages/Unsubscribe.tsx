// /reminders/unsubscribe?token=…, the page a reminder mail's "Stop these reminders" link opens, rendered whole by the
// Worker: opening it only asks (mail scanners open links), and its button posts the same one-click form a mail
// client sends (RFC 8058).
import type { UnsubscribeView } from '../../../src/shared/refill.ts';
import { Breakable } from '../components/Breakable.tsx';
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
  const dashboard = <a href="/dashboard">your dashboard</a>;
  switch (view.state) {
    case 'ask':
      return (
        <section class="narrow card stack">
          <h1>Turn reminders off?</h1>
          <p>
            <Address email={view.email} /> gets an email from {brand} when its traffic runs low or its key is about to
            expire. Receipts and sign-in links are sent either way.
          </p>
          <form method="post" action={view.action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Turn reminders off</button>
          </form>
          <p class="muted">You can also switch them on and off in {dashboard}.</p>
        </section>
      );
    case 'off':
      return (
        <section class="narrow card stack">
          <h1>Reminders are off</h1>
          <p>
            <Address email={view.email} /> no longer gets usage and expiry reminders from {brand}. Receipts and sign-in
            links are still sent.
          </p>
          <p>Changed your mind? Turn them back on in {dashboard}.</p>
        </section>
      );
    case 'invalid':
      return (
        <section class="narrow card stack">
          <h1>This link does not work</h1>
          <p>It may have been cut short or changed on its way to you. Turn reminders off in {dashboard} instead.</p>
        </section>
      );
  }
}
