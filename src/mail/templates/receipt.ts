// The purchase confirmation.
import { formatMoney, isoDate } from '../../shared/format.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

export function receiptMail(message: MailOf<'receipt'>, context: MailContext): RenderedMail {
  const money = (minor: number) => formatMoney(minor, message.currency, 'en');
  const { discount = 0, tax = 0 } = message;
  const amount = money(message.price + tax);
  const paidOn = isoDate(message.paidAt);
  const breakdown =
    discount || tax
      ? [
          [
            `Plan ${money(message.price + discount)}`,
            ...(discount ? [`promotion code −${money(discount)}`] : []),
            ...(tax ? [`tax ${money(tax)}`] : []),
            `total ${amount}.`,
          ].join(', '),
        ]
      : [];
  return brandedMail(
    `Your ${context.brand.name} purchase: ${message.tierName} (${message.gb} GB)`,
    {
      heading: 'Thank you for your purchase',
      intro: [
        `${message.tierName}: ${message.gb} GB of mobile proxy traffic${message.validityDays ? `, valid ${message.validityDays} days` : ''}.`,
        `Paid ${amount} on ${paidOn} (order ${message.orderId}). Stripe sends the payment receipt separately.`,
        ...breakdown,
        'Your proxy key is ready in the dashboard (new keys appear within a minute of payment).',
      ],
      action: { label: 'Open the dashboard', url: `${context.publicUrl}/dashboard` },
      notes: [
        'Keep your proxy credentials private: anyone with them uses your traffic. You can rotate the key from the dashboard at any time.',
      ],
    },
    context,
  );
}
