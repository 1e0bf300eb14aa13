// Right after Checkout: the key is being created. Polls the order (which also moves a late fulfilment along)
// and the account until the key exists, normally within seconds; says so plainly when the payment failed,
// is still processing, or it takes unusually long (the shop keeps retrying on its own).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PurchaseStatus } from '../../../src/shared/billing.ts';
import { api, read } from '../api.ts';
import { account, loadAccount } from '../state/account.ts';

const POLL_MS = 2_000;
const PATIENCE_MS = 3 * 60_000;

export function Provisioning({ sessionId }: { sessionId: string | null }) {
  const [slow, setSlow] = useState(false);
  const [order, setOrder] = useState<PurchaseStatus | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async () => {
      if (sessionId) {
        const answer = await read(api.orders[':sessionId'].$get({ param: { sessionId } })).catch(() => null);
        if (answer) setOrder(answer.order.status);
        if (answer?.order.status === 'failed' || answer?.order.status === 'expired') return;
      }
      await loadAccount();
      const status = account.value?.key.status;
      if (stopped || (status !== 'provisioning' && !(sessionId && status === 'none'))) return;
      if (Date.now() - started > PATIENCE_MS) setSlow(true);
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, sessionId ? 0 : POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sessionId]);

  if (order === 'failed' || order === 'expired')
    return (
      <section class="card" role="alert">
        <h2>The payment did not go through</h2>
        <p>Nothing was charged for this order. You can try again with another payment method.</p>
        <a class="button" href="/">
          See the plans
        </a>
      </section>
    );
  return (
    <section class="card center provisioning" aria-live="polite" aria-busy={!slow}>
      <span class="spinner" aria-hidden="true" />
      <h2 ref={heading} tabIndex={-1}>
        {sessionId ? 'Thank you! Setting up your proxy key…' : 'Setting up your proxy key…'}
      </h2>
      <p class="muted">
        {order === 'pending'
          ? 'Your payment is still being confirmed by the bank. Your key appears here as soon as it is; we also email you.'
          : slow
            ? 'This is taking longer than usual. Your payment is safe: we keep trying on our own, and this page updates by itself.'
            : 'This usually takes a few seconds. This page updates by itself.'}
      </p>
    </section>
  );
}
