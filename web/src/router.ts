// A tiny History API router on signals: the current path is state, links are plain <a href>.
import { signal } from '@preact/signals';

export const path = signal(location.pathname);
export const search = signal(location.search);

export function navigate(to: string, { replace = false } = {}): void {
  const url = new URL(to, location.origin);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
  path.value = url.pathname;
  search.value = url.search;
  if (!url.hash) window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  path.value = location.pathname;
  search.value = location.search;
});

// Same-origin <a> clicks become client-side navigations (modifier keys keep their usual meaning).
addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
  if (anchor.pathname === location.pathname && anchor.hash) return;
  event.preventDefault();
  navigate(anchor.href);
});

/** The one path segment after `prefix` (`/checkout/pro` → `pro`), decoded; null for any other path. */
export function segmentAfter(prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const segment = pathname.slice(prefix.length).replace(/\/$/, '');
  if (!segment || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
