// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in, a customer gets a 403 page. The server checks the role on every call anyway.
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect } from 'preact/hooks';
import { navigate, path, search } from '../router.ts';
import { customer } from '../state/session.ts';

const consoleApp = signal<FunctionComponent | null | 'failed'>(null);

export function AdminGate() {
  const who = customer.value;
  const admin = Boolean(who?.isAdmin);
  useEffect(() => {
    if (who === null) navigate(`/signin?next=${encodeURIComponent(path.value + search.value)}`, { replace: true });
    if (admin && !consoleApp.value)
      import('../admin/AdminApp.tsx').then(
        (m) => (consoleApp.value = m.AdminApp),
        () => (consoleApp.value = 'failed'),
      );
  }, [who, admin]);
  if (who && !admin)
    return (
      <section class="center">
        <h1>403: operators only</h1>
        <p class="muted">{who.email} is not one of this shop’s operators.</p>
      </section>
    );
  const App = consoleApp.value;
  if (App === 'failed') return <p class="center error-text">The console did not load. Reload the page to try again.</p>;
  return App ? <App /> : <p class="muted center">Loading…</p>;
}
