// The public pages (landing, sign-in, legal, not found) are the Worker's HTML; this hydrates their interactive
// parts only: the header's session links, and in chunks of their own (each preloaded by its page's HTML) the
// landing page's countries with live availability and the sign-in form.
import './styles/public.css';
import { type ComponentChild, hydrate } from 'preact';
import { ISLAND } from './components/Island.tsx';
import { SessionNav } from './components/SessionNav.tsx';
import { provideShopConfig } from './state/config.ts';
import { pageConfig, sessionCookieSent } from './state/page.ts';
import { loadSession, sessionEnded } from './state/session.ts';

/** Hydrates the element with this id, when the page has one. */
function island(id: string, view: ComponentChild): void {
  const element = document.getElementById(id);
  if (element) hydrate(view, element);
}

provideShopConfig(pageConfig());
// Without a session cookie the header offers "Sign in" at once, and the page asks the shop nothing about it.
if (sessionCookieSent()) void loadSession();
else sessionEnded();
island(ISLAND.sessionNav, <SessionNav />);
const countries = document.getElementById(ISLAND.countries);
if (countries)
  void import('./components/LiveCountries.tsx').then(({ hydrateCountries }) => hydrateCountries(countries));
const signIn = document.getElementById(ISLAND.signIn);
if (signIn)
  void import('./pages/SignIn.tsx').then(({ SignIn }) =>
    hydrate(<SignIn next={new URLSearchParams(location.search).get('next')} />, signIn),
  );
