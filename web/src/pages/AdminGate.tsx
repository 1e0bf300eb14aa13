// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in, a customer gets a 403 page. The server checks the role on every call anyway.
import { useEffect } from 'preact/hooks';
import { navigate, path, search } from '../router.ts';
import { resource } from '../state/resource.ts';
import { customer } from '../state/session.ts';

const consoleChunk = resource(() => import('../admin/AdminApp.tsx'));

export function AdminGate() {
  const who = customer.value;
  const signedOut = who === null;
  const admin = Boolean(who?.isAdmin);
  useEffect(() => {
    if (signedOut) navigate(`/signin?next=${encodeURIComponent(path.value + search.value)}`, { replace: true });
    if (admin && !consoleChunk.data.peek()) void consoleChunk.run();
  }, [signedOut, admin]);
  if (who && !admin)
    return (
      <section class="center">
        <h1>403: operators only</h1>
        <p class="muted">{who.email} is not one of this shop’s operators.</p>
      </section>
    );
  if (consoleChunk.error.value)
    return <p class="center error-text">The console did not load. Reload the page to try again.</p>;
  const App = consoleChunk.data.value?.AdminApp;
  return App ? <App /> : <p class="muted center">Loading…</p>;
}
