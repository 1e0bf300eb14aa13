// A page's body, rendered with the SPA's own components (preact-render-to-string): a public page whole, the signed-in
// app whole from the answers the Worker read for it, or else the app's shell around the placeholder it shows first.
import { renderToString } from 'preact-render-to-string';
import { AppShell } from '../../web/src/components/AppShell.tsx';
import { ISLAND } from '../../web/src/components/Island.tsx';
import { Layout } from '../../web/src/components/Layout.tsx';
import { PageLoading } from '../../web/src/components/Skeleton.tsx';
import { Dashboard } from '../../web/src/dashboard/Dashboard.tsx';
import { Landing } from '../../web/src/pages/Landing.tsx';
import { Legal } from '../../web/src/pages/Legal.tsx';
import { NotFound } from '../../web/src/pages/NotFound.tsx';
import { SignInForm } from '../../web/src/pages/SignInForm.tsx';
import { Unsubscribe } from '../../web/src/pages/Unsubscribe.tsx';
import { path, search } from '../../web/src/router.ts';
import type { Route } from '../../web/src/routes.ts';
import { provideShopConfig } from '../../web/src/state/config.ts';
import type { PageData } from '../../web/src/state/page.ts';
import { forgetPageData, providePageData } from '../../web/src/state/page-data.ts';
import type { Config } from '../config/index.ts';
import { landingContent } from '../config/landing.ts';
import { legalDocument } from '../config/legal.ts';
import type { PublicConfig } from '../shared/api.ts';

function content(route: Route, config: Config, currency: string, data: PageData) {
  switch (route.page) {
    case 'landing':
      return <Landing content={landingContent(config, currency)} />;
    case 'signin':
      return (
        <div id={ISLAND.signIn}>
          <SignInForm />
        </div>
      );
    case 'legal':
      return <Legal doc={legalDocument(config, route.doc, data.legalText ?? null)} />;
    case 'not-found':
      return <NotFound />;
    case 'unsubscribe':
      return <Unsubscribe view={data.unsubscribe ?? { state: 'invalid' }} />;
    default:
      return <PageLoading />;
  }
}

/** The body of `route`'s page at `path` (within its locale); call it inside `inLocale`. Rendering is synchronous, so
 * the config provided here is this page's alone. */
export function renderBody(
  route: Route,
  path: string,
  config: Config,
  shop: PublicConfig,
  data: PageData = {},
): string {
  provideShopConfig(shop);
  return renderToString(<Layout path={path}>{content(route, config, shop.currency, data)}</Layout>);
}

/** The dashboard at `url` as the app renders it in the browser from `data` (the same components, the same state); call
 * it inside `inLocale`, the customer's language, which is the app's that takes the page over. The state is this
 * request's only while the synchronous render runs, and is taken away before anything else can. Only the dashboard's
 * own components are in the Worker: the app's other pages are chunks it never renders. */
export function renderDashboard(url: { pathname: string; search: string }, shop: PublicConfig, data: PageData): string {
  provideShopConfig(shop);
  providePageData(data);
  path.value = url.pathname;
  search.value = url.search;
  try {
    return renderToString(
      <AppShell path={url.pathname}>
        <Dashboard />
      </AppShell>,
    );
  } finally {
    forgetPageData();
    path.value = '/';
    search.value = '';
  }
}
