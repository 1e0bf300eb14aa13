// Small pieces the console's pages share: loading state for one request, status words,
// and the "sign in again" path for actions that need a recent sign-in.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CustomerStatus } from '../../../src/shared/admin.ts';
import { api, RequestError, read } from '../api.ts';
import { path, search } from '../router.ts';
import { customer } from '../state/session.ts';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` now and whenever `deps` change; the last answer stays shown while a new one loads. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (value) => live && (setData(value), setError(null), setLoading(false)),
      (err: Error) => live && (setError(err.message), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
}

export function LoadState({ state, children }: { state: Loaded<unknown>; children?: ComponentChildren }) {
  if (state.error)
    return (
      <div class="banner danger" role="alert">
        <p>{state.error}</p>
        <button type="button" class="secondary" onClick={state.reload}>
          Try again
        </button>
      </div>
    );
  if (state.loading && !state.data)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  return <>{children}</>;
}

const STATUS_TEXT: Record<CustomerStatus, string> = {
  suspended: 'Suspended',
  no_key: 'No key',
  provisioning: 'Provisioning',
  updating: 'Updating',
  retrying: 'Retrying',
  active: 'Active',
  disabled: 'Disabled',
  expired: 'Expired',
};

export function StatusBadge({ status }: { status: CustomerStatus }) {
  return <span class={`status status-${status}`}>{STATUS_TEXT[status]}</span>;
}

/** The current page's query string as an object. */
export function queryParams(): URLSearchParams {
  return new URLSearchParams(search.value);
}

/** An action refused with `reauth_required`: offer a fresh sign-in link that brings the operator back here. */
export function Reauth({ onDismiss }: { onDismiss: () => void }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | string>('idle');
  async function send() {
    setState('sending');
    try {
      await read(api.auth.request.$post({ json: { email: customer.value!.email, next: path.value + search.value } }));
      setState('sent');
    } catch (err) {
      setState(err instanceof RequestError ? err.message : 'Could not send the link.');
    }
  }
  return (
    <div class="banner info" role="status">
      {state === 'sent' ? (
        <p>Check your inbox: open the link, press Continue, and you are back here to confirm the action.</p>
      ) : (
        <>
          <p>
            This action needs a sign-in from the last 10 minutes. We’ll email you a link that brings you back to this
            page.
          </p>
          <div class="actions">
            <button type="button" onClick={send} disabled={state === 'sending'}>
              Email me a sign-in link
            </button>
            <button type="button" class="secondary" onClick={onDismiss}>
              Not now
            </button>
          </div>
          {state !== 'idle' && state !== 'sending' && <p class="error-text">{state}</p>}
        </>
      )}
    </div>
  );
}

export function ExportLinks() {
  return (
    <div class="actions">
      <a class="button secondary" href="/api/admin/export/customers.csv" download>
        Export customers (CSV)
      </a>
      <a class="button secondary" href="/api/admin/export/purchases.csv" download>
        Export purchases (CSV)
      </a>
    </div>
  );
}
