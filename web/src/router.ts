// A tiny History API router on signals for the signed-in app: the current path is state, links are plain <a href>.
// Public pages are rendered by the Worker, so the app reaches them (and other sites) with a full page load.
import { signal } from '@preact/signals';

// Undefined while the Worker renders a page: nothing here touches the browser until the app starts.
const here = typeof location === 'undefined' ? undefined : location;
export const path = signal(here?.pathname ?? '/');
export const search = signal(here?.search ?? '');
/** Which paths the running app shows itself; none until it starts (a public page's islands never do). */
let ownsPath: (pathname: string) => boolean = () => false;

function appShows(url: URL): boolean {
  return url.origin === location.origin && ownsPath(url.pathname);
}

/** A full page load has been asked for: the page is leaving, and no later redirect (a view reacting to the same
 * change, such as a signed-out dashboard sending to sign-in after "Sign out") may overtake it. */
let leaving = false;

export function navigate(to: string, { replace = false } = {}): void {
  if (leaving) return;
  const url = new URL(to, location.origin);
  if (!appShows(url)) {
    leaving = true;
    // Back from the next page may restore this one as it was (the back/forward cache): it may navigate again.
    addEventListener('pageshow', () => (leaving = false), { once: true });
    location[replace ? 'replace' : 'assign'](url.href);
    return;
  }
  history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
  path.value = url.pathname;
  search.value = url.search;
  if (!url.hash) window.scrollTo(0, 0);
}

/** The app takes over Back/Forward and same-origin links to the paths it shows (modifier keys keep their meaning). */
export function startRouter(owns: (pathname: string) => boolean): void {
  ownsPath = owns;
  addEventListener('popstate', () => {
    path.value = location.pathname;
    search.value = location.search;
  });
  addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download') || !appShows(new URL(anchor.href))) return;
    if (anchor.pathname === location.pathname && anchor.hash) return;
    event.preventDefault();
    navigate(anchor.href);
  });
}
