// /admin: operators get the console, loaded on demand (its code is a separate chunk that customers never
// download); everyone else gets a sign-in prompt or a 403 page. The server checks the role on every call anyway.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { path } from '../router.ts';
import { customer } from '../state/session.ts';

type Console = FunctionComponent;
let loading: Promise<Console> | undefined;

function loadConsole(): Promise<Console> {
  loading ??= import('../admin/AdminApp.tsx').then((m) => m.AdminApp);
  return loading;
}

function LoadConsole() {
  const [App, setApp] = useState<{ component: Console } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadConsole().then(
      (component) => setApp({ component }),
      () => {
        loading = undefined;
        setFailed(true);
      },
    );
  }, []);
  if (failed)
    return (
      <section class="center" role="alert">
        <h1>The console did not load</h1>
        <p class="muted">Check your connection, then reload the page.</p>
      </section>
    );
  if (!App)
    return (
      <p class="muted center" aria-busy="true">
        Loading the console…
      </p>
    );
  return <App.component />;
}

export function AdminGate() {
  const who = customer.value;
  if (who === undefined)
    return (
      <p class="muted center" aria-busy="true">
        Loading…
      </p>
    );
  if (!who)
    return (
      <section class="center narrow">
        <h1>Operators only</h1>
        <p class="muted">Sign in with an operator’s email address to open the shop’s console.</p>
        <a class="button" href={`/signin?next=${encodeURIComponent(path.value)}`}>
          Sign in
        </a>
      </section>
    );
  if (!who.isAdmin)
    return (
      <section class="center narrow" aria-labelledby="forbidden-title">
        <p class="muted">Error 403</p>
        <h1 id="forbidden-title">This area is for the shop’s operators</h1>
        <p class="muted">You are signed in as {who.email}, which is not an operator’s address.</p>
        <a class="button" href="/dashboard">
          Go to your dashboard
        </a>
      </section>
    );
  return <LoadConsole />;
}
