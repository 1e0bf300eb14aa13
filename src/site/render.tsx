// A page's body, rendered with the SPA's own components (preact-render-to-string): a public page whole, or the signed-
// in app's shell around the placeholder the app shows first.
import { renderToString } from 'preact-render-to-string';
import { ISLAND } from '../../web/src/components/Island.tsx';
import { Layout } from '../../web/src/components/Layout.tsx';
import { DashboardSkeleton, PageLoading } from '../../web/src/components/Skeleton.tsx';
import { Landing } from '../../web/src/pages/Landing.tsx';
import { Legal } from '../../web/src/pages/Legal.tsx';
import { NotFound } from '../../web/src/pages/NotFound.tsx';
import { SignInForm } from '../../web/src/pages/SignInForm.tsx';
import { Unsubscribe } from '../../web/src/pages/Unsubscribe.tsx';
import type { Route } from '../../web/src/routes.ts';
import { provideShopConfig } from '../../web/src/state/config.ts';
import type { Config } from '../config/index.ts';
import { landingContent } from '../config/landing.ts';
import { legalDocument } from '../config/legal.ts';
import type { PublicConfig } from '../shared/api.ts';
import type { UnsubscribeView } from '../shared/refill.ts';

/** What a page shows that differs per page or per request; the other pages are the same for all. */
export interface PageData {
  /** A legal page's own text (the reseller's, from content/), or null for the generic one. */
  legalText?: string | null;
  /** The unsubscribe page's link, read by the Worker for the request. */
  unsubscribe?: UnsubscribeView;
}

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
    case 'dashboard':
      return <DashboardSkeleton />;
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
