// A purchase in words, in the page's language: what kind of row it is, what was sold, what happened to it, and what a
// refund or a dispute took back (the dashboard's purchases and the console's orders).
import { type Purchase, planName } from '../../src/shared/billing.ts';
import { formatDays, formatGb } from '../../src/shared/format.ts';
import { t } from './i18n.ts';
import { shopConfig } from './state/config.ts';

/** `Purchase`, `Auto top-up`, `Free GB from the shop`. */
export function purchaseKindText(p: Pick<Purchase, 'kind'>): string {
  switch (p.kind) {
    case 'checkout':
      return t('billing.kind.checkout');
    case 'auto_top_up':
      return t('billing.kind.autoTopUp');
    case 'grant':
      return t('billing.kind.grant');
  }
}

/** What was sold: `Pro · 10 GB · 30 days`, the plan by its name in the page's language while it is on sale (as on the
 * receipt); a grant's days are extra days (`+30 days`), and none says nothing. */
export function purchaseItemText(p: Pick<Purchase, 'kind' | 'tierId' | 'tierName' | 'gb' | 'validityDays'>): string {
  const grant = p.kind === 'grant';
  const days = p.validityDays ? [`${grant ? '+' : ''}${formatDays(p.validityDays)}`] : [];
  return [grant ? t('billing.freeTraffic') : planName(p, shopConfig().tiers), formatGb(p.gb), ...days].join(' · ');
}

/** What happened to it: `Paid`, `Granted`, `Partly refunded`, `Disputed`, `Refunded`, `Processing` …. */
export function purchaseStatusText(p: Pick<Purchase, 'kind' | 'status' | 'refundedAmount' | 'heldGb'>): string {
  switch (p.status) {
    case 'pending':
      return t('billing.status.pending');
    case 'failed':
      return t('billing.status.failed');
    case 'expired':
      return t('billing.status.expired');
    case 'refunded':
      return t('billing.status.refunded');
    case 'paid':
      if (p.heldGb > 0) return t('billing.status.disputed');
      if (p.refundedAmount > 0) return t('billing.status.partlyRefunded');
      return p.kind === 'grant' ? t('billing.status.granted') : t('billing.status.paid');
  }
}

/** What a refund or a dispute took back, when either did: `5 GB refunded ($34.50)`, `2 GB held by a dispute`. */
export function purchaseAdjustments(
  p: Pick<Purchase, 'refundedGb' | 'refundedAmount' | 'heldGb'>,
  money: (minor: number) => string,
): string[] {
  return [
    ...(p.refundedAmount > 0
      ? [t('billing.refundedLine', { traffic: formatGb(p.refundedGb), amount: money(p.refundedAmount) })]
      : []),
    ...(p.heldGb > 0 ? [t('billing.heldLine', { traffic: formatGb(p.heldGb) })] : []),
  ];
}
