// The signed-in app (dashboard, console, checkout, sign-in confirmation). The Worker's HTML already shows the page:
// the dashboard or the console's overview whole, from the answers it hands over with it (so the app asks for none of
// them again), or else its shell, and then the app starts its requests at once, all in parallel. The app renders over
// the Worker's HTML, reusing its elements and correcting what only the browser knows (the reader's time zone,
// remembered choices).
import './styles/app.css';
import { render } from 'preact';
import { consoleChunk } from './admin/console-chunk.ts';
import { gateChunk } from './admin/gate-chunk.ts';
import { App } from './app.tsx';
import { path, startRouter } from './router.ts';
import { isPublic, matchRoute } from './routes.ts';
import { account } from './state/account.ts';
import { ensureAvailability } from './state/availability.ts';
import { provideShopConfig } from './state/config.ts';
import { openConsole } from './state/console.ts';
import { pageConfig, pageData, sessionCookieSent } from './state/page.ts';
import { providePageData } from './state/page-data.ts';
import { loadSession, sessionEnded } from './state/session.ts';

provideShopConfig(pageConfig());
startRouter((pathname) => !isPublic(matchRoute(pathname)));
const data = pageData();
if (data) {
  // Who is signed in and what the page shows came with it; back from Checkout, the account is asked for again at once,
  // as the payment may have reached the key after the page was read.
  providePageData(data);
  if (location.search.includes('session_id=')) void account.run();
} else if (!sessionCookieSent()) {
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
const start = () => render(<App />, document.getElementById('app') ?? document.body);
// The console rendered for its operator: its chunk, which takes the overview over, and /admin's gate before the first
// render, so no placeholder replaces the page. Should either not load, the app asks who is signed in and says so.
if (data?.console)
  void Promise.all([consoleChunk.run(), gateChunk.run()]).then((loaded) => {
    if (!loaded.every(Boolean)) void loadSession();
    start();
  });
else start();
