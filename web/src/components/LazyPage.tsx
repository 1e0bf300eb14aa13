// A page built into its own chunk, downloaded the first time it is shown: what most visitors never open (the console,
// the sign-in confirm page) stays out of the JS every page load pays for.
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { type Resource, resource } from '../state/resource.ts';

/** A page's chunk, held at module level so it is fetched once: `lazyChunk(() => import('./Page.tsx').then(…))`. */
export const lazyChunk = (load: () => Promise<ComponentType>): Resource<ComponentType> => resource(load);

/** Shows the page of `chunk`, fetching it on first use; `name` says what did not load if it cannot be fetched. */
export function LazyPage({ chunk, name }: { chunk: Resource<ComponentType>; name: string }) {
  useEffect(() => {
    if (!chunk.data.peek() && !chunk.loading.peek()) void chunk.run();
  }, [chunk]);
  if (chunk.error.value) return <p class="center error-text">The {name} did not load. Reload the page to try again.</p>;
  const Page = chunk.data.value;
  return Page ? <Page /> : <p class="muted center">Loading…</p>;
}
