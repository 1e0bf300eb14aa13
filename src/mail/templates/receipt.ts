// The purchase confirmation: for a Checkout, or for a charge auto top-up made to the saved card (which the customer
// did not just do themselves, so it says why and where to change it).
import { planName } from '../../shared/billing.ts';
import { formatDate, formatDays, formatGb, formatMoney } from '../../shared/format.ts';
import { t } from '../../shared/i18n/translate.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

/** What the total is made of, when a promotion code or tax changed it. */
function breakdown(message: MailOf<'receipt'>, money: (minor: number) => string): string[] {
  const { price, discount = 0, tax = 0 } = message;
  const parts = {
    plan: money(price + discount),
    discount: money(discount),
    tax: money(tax),
    total: money(price + tax),
  };
  if (discount && tax) return [t('mail.receipt.breakdownBoth', parts)];
  if (discount) return [t('mail.receipt.breakdownDiscount', parts)];
  if (tax) return [t('mail.receipt.breakdownTax', parts)];
  return [];
}

export function receiptMail(message: MailOf<'receipt'>, context: MailContext): RenderedMail {
  const money = (minor: number) => formatMoney(minor, message.currency);
  const traffic = formatGb(message.gb);
  const tier = planName(message, context.tiers);
  const brand = context.brand.name;
  const what = message.validityDays
    ? t('mail.receipt.planValid', { tier, traffic, days: formatDays(message.validityDays) })
    : t('mail.receipt.plan', { tier, traffic });
  const paid = {
    amount: money(message.price + (message.tax ?? 0)),
    date: formatDate(message.paidAt),
    order: message.orderId,
  };
  const dashboard = { label: t('mail.openDashboard'), url: `${context.publicUrl}/dashboard` };
  if (message.via === 'auto_top_up')
    return brandedMail(
      t('mail.receipt.autoSubject', { brand, tier, traffic }),
      {
        heading: t('mail.receipt.autoHeading'),
        intro: [
          t('mail.receipt.autoBought', { what }),
          t('mail.receipt.autoCharged', paid),
          ...breakdown(message, money),
          t('mail.receipt.autoReady'),
        ],
        action: dashboard,
        notes: [t('mail.receipt.autoChange', { section: t('refill.title') }), t('mail.receipt.rotate')],
      },
      context,
    );
  return brandedMail(
    t('mail.receipt.subject', { brand, tier, traffic }),
    {
      heading: t('mail.receipt.heading'),
      intro: [what, t('mail.receipt.paid', paid), ...breakdown(message, money), t('mail.receipt.ready')],
      action: dashboard,
      notes: [t('mail.receipt.rotate')],
    },
    context,
  );
}
