// A page of the app that is a chunk of its own (the dashboard's code never carries it): loaded the first time it is
// shown (the Worker's HTML for that page preloads it), with the same placeholder as that HTML until then.
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Resource } from '../state/resource.ts';
import { PageLoading } from './Skeleton.tsx';

/** `chunk`: a module-level resource that imports the page's component. */
export function LazyPage<P extends object>({ chunk, props }: { chunk: Resource<ComponentType<P>>; props: P }) {
  useEffect(() => {
    if (!chunk.data.peek() && !chunk.loading.peek()) void chunk.run();
  }, [chunk]);
  if (chunk.error.value) return <p class="center error-text">This page did not load. Reload the page to try again.</p>;
  const Page = chunk.data.value;
  return Page ? <Page {...props} /> : <PageLoading />;
}
