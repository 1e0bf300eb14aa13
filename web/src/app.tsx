// The SPA's routes. Pages read state from signals; the server enforces every rule.
import { Layout } from './components/Layout.tsx';
import { LazyPage, lazyChunk } from './components/LazyPage.tsx';
import { AdminGate } from './pages/AdminGate.tsx';
import { Checkout } from './pages/Checkout.tsx';
import { Landing } from './pages/Landing.tsx';
import { Legal } from './pages/Legal.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { path, segmentAfter } from './router.ts';
import { config } from './state/config.ts';

// Opened once per sign-in, from an email: its own chunk.
const verifyChunk = lazyChunk(() => import('./pages/Verify.tsx').then((page) => page.Verify));
// Signed in only: the landing and sign-in pages do not pay for the dashboard's code.
const dashboardChunk = lazyChunk(() => import('./dashboard/Dashboard.tsx').then((page) => page.Dashboard));

function Page() {
  switch (path.value) {
    case '/':
      return <Landing />;
    case '/signin':
      return <SignIn />;
    case '/auth/verify':
      return <LazyPage chunk={verifyChunk} name="sign-in page" />;
    case '/dashboard':
      return <LazyPage chunk={dashboardChunk} name="dashboard" />;
    case '/terms':
    case '/privacy':
      // Keyed: another document is another page, not the last one's text while this one loads.
      return <Legal key={path.value} doc={path.value.slice(1) as 'terms' | 'privacy'} />;
    case '/admin':
      return <AdminGate />;
    default: {
      if (path.value.startsWith('/admin/')) return <AdminGate />;
      const tierId = segmentAfter('/checkout/', path.value);
      if (tierId) return <Checkout tierId={tierId} />;
      return <NotFound />;
    }
  }
}

export function App() {
  if (config.error.value)
    return (
      <main class="wrap center">
        <div role="alert">
          <h1>The shop is unavailable</h1>
          <p>{config.error.value.message}</p>
        </div>
      </main>
    );
  if (!config.data.value)
    return (
      <main class="wrap center" aria-busy="true">
        <p class="muted">Loading…</p>
      </main>
    );
  return (
    <Layout>
      <Page />
    </Layout>
  );
}
