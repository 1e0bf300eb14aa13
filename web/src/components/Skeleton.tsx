// What a page of the app shows until its data arrives. The Worker's HTML shows the same, so nothing jumps when the
// app takes over.
export function DashboardSkeleton() {
  return (
    <section aria-busy="true" class="stack">
      <div class="card skeleton" />
      <div class="card skeleton tall" />
      <p class="visually-hidden">Loading your dashboard…</p>
    </section>
  );
}

export function PageLoading() {
  return (
    <p class="muted center" aria-busy="true">
      Loading…
    </p>
  );
}
