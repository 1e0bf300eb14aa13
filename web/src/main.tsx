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
import { openConsole } from './state/console.ts';
import { pageConfig, sessionCookieSent } from './state/page.ts';
import { loadSession, sessionEnded } from './state/session.ts';

provideShopConfig(pageConfig());
startRouter((pathname) => !isPublic(matchRoute(pathname)));
if (!sessionCookieSent()) {
  // Signed out for sure: pages that need a session send the visitor to sign in at once, without a refused request.
  sessionEnded();
} else if (path.value === '/admin') {
  // The console's front page: its overview says who is signed in (one session check).
  openConsole();
} else if (matchRoute(path.value).page === 'dashboard') {
  // The account (which says who is signed in: one session check) and the availability, at once; a 401 on the
  // account ends the session.
  void account.run();
  void ensureAvailability();
} else void loadSession();
hydrate(<App />, document.getElementById('app') ?? document.body);
