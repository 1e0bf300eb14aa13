// What a view shows around data it loads: "Loading…" until the first answer, the failure with "Try again", and the
// data (still shown, under the failure, when a refresh fails).

import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';
import type { Loadable } from '../state/resource.ts';

export function LoadState<T>({
  state,
  loading = t('site.loading'),
  children,
}: {
  state: Loadable<T>;
  loading?: string;
  children: (data: T) => ComponentChildren;
}) {
  const data = state.data.value;
  const error = state.error.value;
  return (
    <>
      {error && (
        <div class="banner danger" role="alert">
          <p>{error.message}</p>
          <button type="button" class="secondary" onClick={state.run} disabled={state.loading.value}>
            {t('site.tryAgain')}
          </button>
        </div>
      )}
      {data !== undefined
        ? children(data)
        : !error && (
            <p class="muted" aria-busy="true">
              {loading}
            </p>
          )}
    </>
  );
}
