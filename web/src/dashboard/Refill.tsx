// "Never run dry": the panel's heading is the dashboard's; its settings are a chunk of their own, below the fold, so the
// dashboard's JavaScript stays within its budget.
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { t } from '../i18n.ts';

const settingsChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./RefillSettings.tsx').then((panel) => panel.RefillSettings),
);

/** `canBuy`: auto top-up is offered only to a customer who may buy. */
export function Refill({ canBuy }: { canBuy: boolean }) {
  return (
    <section class="card refill" aria-labelledby="refill-title">
      <h2 id="refill-title">{t('refill.title')}</h2>
      <LazyPage chunk={settingsChunk} props={{ canBuy }} />
    </section>
  );
}
