// The purchase confirmation.
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
  const tier = message.tierName;
  return brandedMail(
    t('mail.receipt.subject', { brand: context.brand.name, tier, traffic }),
    {
      heading: t('mail.receipt.heading'),
      intro: [
        message.validityDays
          ? t('mail.receipt.planValid', { tier, traffic, days: formatDays(message.validityDays) })
          : t('mail.receipt.plan', { tier, traffic }),
        t('mail.receipt.paid', {
          amount: money(message.price + (message.tax ?? 0)),
          date: formatDate(message.paidAt),
          order: message.orderId,
        }),
        ...breakdown(message, money),
        t('mail.receipt.ready'),
      ],
      action: { label: t('mail.openDashboard'), url: `${context.publicUrl}/dashboard` },
      notes: [t('mail.receipt.rotate')],
    },
    context,
  );
}
