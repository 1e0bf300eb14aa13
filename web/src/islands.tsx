// The public pages (landing, sign-in, legal, not found) are the Worker's HTML; this hydrates their interactive
// parts only: the header's session links, the countries' live availability and the sign-in form (a chunk of its own,
// which the sign-in page's HTML preloads).
import './styles/public.css';
import { type ComponentChild, hydrate } from 'preact';
import { CountryList } from './components/CountryList.tsx';
import { ISLAND } from './components/Island.tsx';
import { SessionNav } from './components/SessionNav.tsx';
import { stock } from './state/availability.ts';
import { provideShopConfig, shopConfig } from './state/config.ts';
import { pageConfig, sessionCookieSent } from './state/page.ts';
import { loadSession, sessionEnded } from './state/session.ts';

/** Hydrates the element with this id, when the page has one. */
function island(id: string, view: ComponentChild): boolean {
  const element = document.getElementById(id);
  if (element) hydrate(view, element);
  return element !== null;
}

/** The countries, with their counts as they arrive. */
function LiveCountries() {
  return <CountryList countries={shopConfig().countries} stock={stock.data.value} />;
}

provideShopConfig(pageConfig());
// Without a session cookie the header offers "Sign in" at once, and the page asks the shop nothing about it.
if (sessionCookieSent()) void loadSession();
else sessionEnded();
island(ISLAND.sessionNav, <SessionNav />);
if (island(ISLAND.countries, <LiveCountries />)) void stock.run();
const signIn = document.getElementById(ISLAND.signIn);
if (signIn)
  void import('./pages/SignIn.tsx').then(({ SignIn }) =>
    hydrate(<SignIn next={new URLSearchParams(location.search).get('next')} />, signIn),
  );
