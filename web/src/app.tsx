// The signed-in app's pages (the public ones are the Worker's). Pages read state from signals; the server enforces
// every rule.
import { useEffect } from 'preact/hooks';
import { gateChunk } from './admin/gate-chunk.ts';
import { AppShell } from './components/AppShell.tsx';
import { LazyPage, lazyChunk } from './components/LazyPage.tsx';
import { Dashboard } from './dashboard/Dashboard.tsx';
import { href } from './i18n.ts';
import { navigate, path, search } from './router.ts';
import { matchRoute, needsSignIn, pageTitle, signInPath } from './routes.ts';
import { shopConfig } from './state/config.ts';
import { customer } from './state/session.ts';

// Pages a customer passes through once are chunks of their own: the dashboard's code never includes them.
const checkoutChunk = lazyChunk(() => import('./pages/Checkout.tsx').then((page) => page.Checkout));
const verifyChunk = lazyChunk(() => import('./pages/Verify.tsx').then((page) => page.Verify));
// API tokens and examples, for the customers who script.
const apiChunk = lazyChunk(() => import('./dashboard/ApiPage.tsx').then((page) => page.ApiPage));

function Page() {
  const route = matchRoute(path.value);
  const { brand, tiers } = shopConfig();
  const title = pageTitle(route, brand.name);
  useEffect(() => {
    document.title = title;
  }, [title]);
  // Signed out (the session ended, or was never there) on a page that needs a session: sign in, in the page's
  // language, then come back.
  const toSignIn = customer.value === null && needsSignIn(route, (id) => tiers.some((t) => t.id === id));
  useEffect(() => {
    if (toSignIn) navigate(href(signInPath(path.peek() + search.peek())), { replace: true });
  }, [toSignIn]);
  switch (route.page) {
    case 'verify':
      return <LazyPage chunk={verifyChunk} />;
    case 'checkout':
      return <LazyPage chunk={checkoutChunk} props={{ tierId: route.tierId }} />;
    case 'dashboard':
      return <Dashboard />;
    case 'dashboard-api':
      return <LazyPage chunk={apiChunk} />;
    case 'admin':
      return <LazyPage chunk={gateChunk} />;
    default:
      // A public page: the router has asked the Worker for it with a full page load.
      return null;
  }
}

export function App() {
  return (
    <AppShell path={path.value}>
      <Page />
    </AppShell>
  );
}
