// Auto top-up could not charge the saved card: why, and the link that finishes the payment on Stripe's page.
import { formatMoney } from '../../shared/format.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

const WHY: Record<MailOf<'auto_top_up_paused'>['reason'], string> = {
  authentication_required: 'your bank wants you to confirm the payment yourself',
  card_declined: 'your card was declined',
  no_card: 'no card is saved for it yet',
  payment_failed: 'the payment did not go through',
};

export function autoTopUpPausedMail(message: MailOf<'auto_top_up_paused'>, context: MailContext): RenderedMail {
  const amount = formatMoney(message.amount, message.currency, 'en');
  return brandedMail(
    `Action needed: your ${context.brand.name} auto top-up is paused`,
    {
      heading: 'Your auto top-up needs you',
      intro: [
        `We tried to buy ${message.tierName} (${message.gb} GB, ${amount}) for you, but ${WHY[message.reason]}. Nothing was charged.`,
        'Finish the payment on the secure payment page: your traffic is added at once and your card is saved for the next top-up, so auto top-up carries on.',
      ],
      action: { label: 'Finish the payment', url: message.payUrl },
      notes: ['Auto top-up stays paused until then. You can turn it off in the dashboard.'],
    },
    context,
  );
}
