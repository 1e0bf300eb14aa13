// A page's body, rendered with the SPA's own components (preact-render-to-string): a public page whole, the signed-in
// app whole from the answers the Worker read for it, or else the app's shell around the placeholder it shows first.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { AdminApp } from '../../web/src/admin/AdminApp.tsx';
import { handOverview, takeOverview } from '../../web/src/admin/handover.ts';
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
import { sessionUnknown } from '../../web/src/state/session.ts';
import type { Config } from '../config/index.ts';
import { landingContent } from '../config/landing.ts';
import { legalDocument } from '../config/legal.ts';
import type { OverviewAnswer } from '../shared/admin.ts';
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

type PageUrl = { pathname: string; search: string };

/** `page` in the app's shell at `url`, as the app renders it in the browser once `provide` has put in place what the
 * page was read from; call it inside `inLocale`, the visitor's language, which is the app's that takes the page over. That state is this request's only while the synchronous render runs: `forget` takes it away
 * before anything else can. */
function renderSignedIn(
  url: PageUrl,
  shop: PublicConfig,
  page: ComponentChildren,
  provide: () => void,
  forget: () => void,
) {
  provideShopConfig(shop);
  provide();
  path.value = url.pathname;
  search.value = url.search;
  try {
    return renderToString(<AppShell path={url.pathname}>{page}</AppShell>);
  } finally {
    forget();
    path.value = '/';
    search.value = '';
  }
}

/** The dashboard at `url` from `data`. Only the dashboard's own components are in the Worker: the app's other pages
 * are chunks it never renders. */
export function renderDashboard(url: PageUrl, shop: PublicConfig, data: PageData): string {
  return renderSignedIn(url, shop, <Dashboard />, () => providePageData(data), forgetPageData);
}

/** The console's overview for its operator, from `answer`: the console's frame and the overview only (its other pages
 * are a chunk the Worker never renders). */
export function renderConsole(url: PageUrl, shop: PublicConfig, answer: OverviewAnswer): string {
  return renderSignedIn(
    url,
    shop,
    <AdminApp />,
    () => handOverview(answer),
    () => {
      takeOverview();
      sessionUnknown();
    },
  );
}
