// The purchase confirmation: for a Checkout, or for a charge auto top-up made to the saved card (which the customer
// did not just do themselves, so it says why and where to change it).
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
  const what = `${message.tierName}: ${message.gb} GB of mobile proxy traffic${message.validityDays ? `, valid ${message.validityDays} days` : ''}.`;
  const keep =
    'Keep your proxy credentials private: anyone with them uses your traffic. You can rotate the key from the dashboard at any time.';
  const dashboard = { label: 'Open the dashboard', url: `${context.publicUrl}/dashboard` };
  if (message.via === 'auto_top_up')
    return brandedMail(
      `Auto top-up: ${message.tierName} (${message.gb} GB) added to your ${context.brand.name} key`,
      {
        heading: 'Auto top-up bought more traffic',
        intro: [
          `As you set it up in the dashboard, auto top-up bought ${what}`,
          `Charged ${amount} to your saved card on ${paidOn} (order ${message.orderId}). Stripe sends the payment receipt separately.`,
          ...breakdown,
          'The traffic is on your proxy key already: nothing to change in your apps.',
        ],
        action: dashboard,
        notes: [
          'Change the plan, the trigger or the monthly limit, or turn auto top-up off, under "Never run dry" in the dashboard.',
          keep,
        ],
      },
      context,
    );
  return brandedMail(
    `Your ${context.brand.name} purchase: ${message.tierName} (${message.gb} GB)`,
    {
      heading: 'Thank you for your purchase',
      intro: [
        what,
        `Paid ${amount} on ${paidOn} (order ${message.orderId}). Stripe sends the payment receipt separately.`,
        ...breakdown,
        'Your proxy key is ready in the dashboard (new keys appear within a minute of payment).',
      ],
      action: dashboard,
      notes: [keep],
    },
    context,
  );
}
