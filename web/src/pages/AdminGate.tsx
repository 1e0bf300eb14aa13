// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in (app.tsx), a customer gets a 403 page. The server checks the role on every call anyway.

import { Breakable } from '../components/Breakable.tsx';
import { LazyPage, lazyChunk } from '../components/LazyPage.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
import { customer } from '../state/session.ts';

/** Also loaded before the app's first render over a console the Worker rendered (main.tsx). */
export const consoleChunk = lazyChunk(() => import('../admin/AdminApp.tsx').then((chunk) => chunk.AdminApp));

export function AdminGate() {
  const who = customer.value;
  if (who && !who.isAdmin)
    return (
      <section class="center">
        <h1>403: operators only</h1>
        <p class="muted">
          <Breakable text={who.email} /> is not one of this shop’s operators.
        </p>
      </section>
    );
  return who ? <LazyPage chunk={consoleChunk} name="console" /> : <PageLoading />;
}
