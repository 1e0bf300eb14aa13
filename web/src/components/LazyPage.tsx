// A page built into its own chunk, downloaded the first time it is shown (or preloaded by the Worker's HTML for that
// page): what most visitors never open (the console, checkout, the sign-in confirm page) stays out of the dashboard's
// JavaScript. Until it arrives it shows the same placeholder as the Worker's HTML, so nothing jumps.

import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n.ts';
import { type Resource, resource } from '../state/resource.ts';
import { PageLoading } from './Skeleton.tsx';

/** A page's chunk, held at module level so it is fetched once: `lazyChunk(() => import('./Page.tsx').then(…))`. A
 * chunk of a page the Worker renders is written `lazyChunk(import.meta.env.SSR ? placeholderOnly : () => import(…))`:
 * the Worker only ever renders its placeholder, and its build (wrangler.toml's define) drops the import. */
export const lazyChunk = <P extends object = object>(
  load: () => Promise<ComponentType<P>>,
): Resource<ComponentType<P>> => resource(load);

/** The Worker's loader of a chunk: never called, since it renders without running effects. */
export const placeholderOnly = (): Promise<never> => Promise.reject(new Error('a chunk is fetched by the browser'));

/** Shows the page of `chunk` with `props`, fetching it on first use. */
export function LazyPage<P extends object>({ chunk, props }: { chunk: Resource<ComponentType<P>>; props?: P }) {
  useEffect(() => {
    if (!chunk.data.peek() && !chunk.loading.peek()) void chunk.run();
  }, [chunk]);
  if (chunk.error.value) return <p class="center error-text">{t('site.chunkFailed')}</p>;
  const Page = chunk.data.value;
  return Page ? <Page {...(props as P)} /> : <PageLoading />;
}
