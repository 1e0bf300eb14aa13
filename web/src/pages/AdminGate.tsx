// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in, a customer gets a 403 page. The server checks the role on every call anyway.

import { useEffect } from 'preact/hooks';
import { LazyPage, lazyChunk } from '../components/LazyPage.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
import { t } from '../i18n.ts';
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
        <h1>{t('site.forbidden.title')}</h1>
        <p class="muted">{t('site.forbidden.text', { email: who.email })}</p>
      </section>
    );
  return who ? <LazyPage chunk={consoleChunk} /> : <PageLoading />;
}
