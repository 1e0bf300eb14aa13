// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in, a customer gets a 403 page. The server checks the role on every call anyway.
import { useEffect } from 'preact/hooks';
import { LazyPage, lazyChunk } from '../components/LazyPage.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
import { navigate, path, search } from '../router.ts';
import { customer } from '../state/session.ts';

const consoleChunk = lazyChunk(() => import('../admin/AdminApp.tsx').then((chunk) => chunk.AdminApp));

export function AdminGate() {
  const who = customer.value;
  const signedOut = who === null;
  useEffect(() => {
    if (signedOut) navigate(`/signin?next=${encodeURIComponent(path.value + search.value)}`, { replace: true });
  }, [signedOut]);
  if (who && !who.isAdmin)
    return (
      <section class="center">
        <h1>403: operators only</h1>
        <p class="muted">{who.email} is not one of this shop’s operators.</p>
      </section>
    );
  return who ? <LazyPage chunk={consoleChunk} name="console" /> : <PageLoading />;
}
