// Right after Checkout: the key is being created. Polls the order (which also moves a late fulfilment along)
// and the account until the key exists, normally within seconds; says so plainly when the payment failed,
// is still processing, or it takes unusually long (the shop keeps retrying on its own).
import { useState } from 'preact/hooks';
import { focusOnMount } from '../components/focus.ts';
import { href, t } from '../i18n.ts';
import { account } from '../state/account.ts';
import { checkoutOrder } from '../state/purchases.ts';
import { useAction } from '../state/resource.ts';
import { useVisibleInterval } from '../state/visible.ts';

const POLL_MS = 2_000;
const PATIENCE_MS = 3 * 60_000;
const failed = (status: string | undefined) => status === 'failed' || status === 'expired';

/** Shown while the key is being created: the dashboard moves on by itself once the account says it exists. */
export function Provisioning({ sessionId }: { sessionId: string | null }) {
  const [started] = useState(Date.now);
  const [slow, setSlow] = useState(false);
  const order = useAction(checkoutOrder);
  const orderStatus = order.data.value?.status;
  useVisibleInterval(
    async () => {
      if (sessionId && failed((await order.run(sessionId))?.status)) return;
      await account.run();
      if (Date.now() - started > PATIENCE_MS) setSlow(true);
    },
    POLL_MS,
    !failed(orderStatus),
  );

  if (failed(orderStatus))
    return (
      <section class="card" role="alert">
        <h2>{t('prov.failed')}</h2>
        <p>{t('prov.failedText')}</p>
        <a class="button" href={href('/#pricing')}>
          {t('landing.seePlans')}
        </a>
      </section>
    );
  return (
    <section class="card center provisioning" aria-live="polite" aria-busy={!slow}>
      <span class="spinner" aria-hidden="true" />
      <h2 ref={focusOnMount} tabIndex={-1}>
        {sessionId ? t('prov.thanks') : t('prov.setting')}
      </h2>
      <p class="muted">{orderStatus === 'pending' ? t('prov.pending') : slow ? t('prov.slow') : t('prov.usual')}</p>
    </section>
  );
}
