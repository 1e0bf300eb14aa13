// The signed-in app (dashboard, console, checkout, sign-in confirmation). The Worker's HTML already shows the page's
// shell; the app starts its requests at once, all in parallel, and hydrates it.
import './styles/app.css';
import { hydrate } from 'preact';
import { App } from './app.tsx';
import { path, startRouter } from './router.ts';
import { isPublic, matchRoute } from './routes.ts';
import { account } from './state/account.ts';
import { ensureAvailability } from './state/availability.ts';
import { provideShopConfig } from './state/config.ts';
import { pageConfig, sessionCookieSent } from './state/page.ts';
import { loadSession, sessionEnded } from './state/session.ts';

provideShopConfig(pageConfig());
startRouter((pathname) => !isPublic(matchRoute(pathname)));
if (!sessionCookieSent()) {
  // Signed out for sure: pages that need a session send the visitor to sign in at once, without a refused request.
  sessionEnded();
} else {
  void loadSession();
  if (matchRoute(path.value).page === 'dashboard') {
    // Who is signed in, their account and the availability, at once: a 401 on the account ends the session too.
    void account.run();
    void ensureAvailability();
  }
}
hydrate(<App />, document.getElementById('app') ?? document.body);
