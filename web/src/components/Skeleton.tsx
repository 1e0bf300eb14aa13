// What a page of the app shows until its data arrives. The Worker's HTML shows the same, so nothing jumps when the
// app takes over.
import { t } from '../i18n.ts';

export function DashboardSkeleton() {
  return (
    <section aria-busy="true" class="stack">
      <div class="card skeleton" />
      <div class="card skeleton tall" />
      <p class="visually-hidden">{t('site.loadingDashboard')}</p>
    </section>
  );
}

export function PageLoading() {
  return (
    <p class="muted center" aria-busy="true">
      {t('site.loading')}
    </p>
  );
}
