// Auto top-up could not charge the saved card: why, and the link that finishes the payment on Stripe's page.
import { planName } from '../../shared/billing.ts';
import { formatGb, formatMoney } from '../../shared/format.ts';
import { t } from '../../shared/i18n/translate.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

function why(message: MailOf<'auto_top_up_paused'>, context: MailContext): string {
  const words = {
    tier: planName(message, context.tiers),
    traffic: formatGb(message.gb),
    amount: formatMoney(message.amount, message.currency),
  };
  switch (message.reason) {
    case 'authentication_required':
      return t('mail.topUp.authentication', words);
    case 'card_declined':
      return t('mail.topUp.declined', words);
    case 'no_card':
      return t('mail.topUp.noCard', words);
    case 'payment_failed':
      return t('mail.topUp.failed', words);
  }
}

export function autoTopUpPausedMail(message: MailOf<'auto_top_up_paused'>, context: MailContext): RenderedMail {
  return brandedMail(
    t('mail.topUp.subject', { brand: context.brand.name }),
    {
      heading: t('mail.topUp.heading'),
      intro: [why(message, context), t('mail.topUp.finish')],
      action: { label: t('mail.topUp.action'), url: message.payUrl },
      notes: [t('mail.topUp.paused')],
    },
    context,
  );
}
