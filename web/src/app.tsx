// The SPA's routes. Pages read state from signals; the server enforces every rule.
import { Layout } from './components/Layout.tsx';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { AdminGate } from './pages/AdminGate.tsx';
import { Checkout } from './pages/Checkout.tsx';
import { Landing } from './pages/Landing.tsx';
import { Legal } from './pages/Legal.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Verify } from './pages/Verify.tsx';
import { match, path } from './router.ts';
import { config, configError } from './state/config.ts';

function Page() {
  switch (path.value) {
    case '/':
      return <Landing />;
    case '/signin':
      return <SignIn />;
    case '/auth/verify':
      return <Verify />;
    case '/dashboard':
      return <Dashboard />;
    case '/terms':
    case '/privacy':
      return <Legal doc={path.value.slice(1) as 'terms' | 'privacy'} />;
    case '/admin':
      return <AdminGate />;
    default: {
      if (path.value.startsWith('/admin/')) return <AdminGate />;
      const checkout = match('/checkout/:tierId', path.value);
      if (checkout) return <Checkout tierId={checkout.tierId!} />;
      return <NotFound />;
    }
  }
}

export function App() {
  if (configError.value)
    return (
      <main class="wrap center">
        <div role="alert">
          <h1>The shop is unavailable</h1>
          <p>{configError.value}</p>
        </div>
      </main>
    );
  if (!config.value)
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
