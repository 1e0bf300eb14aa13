// Right after Checkout: the key is being created. Polls until it exists (a few seconds normally), then the
// dashboard shows it; after three minutes it says so plainly (the shop keeps retrying on its own).
import { useEffect, useRef, useState } from 'preact/hooks';
import { account, loadAccount } from '../state/account.ts';

const POLL_MS = 2_000;
const PATIENCE_MS = 3 * 60_000;

export function Provisioning({ sessionId }: { sessionId: string | null }) {
  const [slow, setSlow] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async () => {
      await loadAccount();
      const status = account.value?.key.status;
      if (stopped || (status !== 'provisioning' && !(sessionId && status === 'none'))) return;
      if (Date.now() - started > PATIENCE_MS) setSlow(true);
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sessionId]);
  return (
    <section class="card center provisioning" aria-live="polite" aria-busy={!slow}>
      <span class="spinner" aria-hidden="true" />
      <h2 ref={heading} tabIndex={-1}>
        {sessionId ? 'Thank you! Setting up your proxy key…' : 'Setting up your proxy key…'}
      </h2>
      <p class="muted">
        {slow
          ? 'This is taking longer than usual. Your payment is safe: we keep trying on our own, and this page updates by itself.'
          : 'This usually takes a few seconds. This page updates by itself.'}
      </p>
    </section>
  );
}
