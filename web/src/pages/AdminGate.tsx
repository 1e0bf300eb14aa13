// /admin: operators get the console, loaded on demand (a separate chunk customers never download); a signed-out
// visitor is sent to sign in (app.tsx), a customer gets a 403 page. The server checks the role on every call anyway.

import { consoleChunk } from '../admin/console-chunk.ts';
import { Breakable } from '../components/Breakable.tsx';
import { LazyPage } from '../components/LazyPage.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
import { rich, t } from '../i18n.ts';
import { customer } from '../state/session.ts';

export function AdminGate() {
  const who = customer.value;
  if (who && !who.isAdmin)
    return (
      <section class="center">
        <h1>{t('site.forbidden.title')}</h1>
        <p class="muted">{rich('site.forbidden.text', { email: <Breakable text={who.email} /> })}</p>
      </section>
    );
  return who ? <LazyPage chunk={consoleChunk} /> : <PageLoading />;
}
