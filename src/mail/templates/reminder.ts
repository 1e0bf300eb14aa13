// Usage and expiry reminders: what is left, when it ends, and a "Buy more" that lands on the checkout.
import { formatGb, utcDateTime } from '../../shared/format.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

function wording(m: MailOf<'reminder'>, shop: string): { subject: string; heading: string; lead: string } {
  const left = formatGb(Math.max(0, m.capGb - m.usedGb));
  const until = m.expiresAt === null ? '' : utcDateTime(m.expiresAt);
  switch (m.reminder) {
    case 'usage':
      return {
        subject: `You have used ${m.threshold} % of your ${shop} traffic`,
        heading: `${m.threshold} % of your traffic is used`,
        lead: `Your proxy key has used ${formatGb(m.usedGb)} of its ${formatGb(m.capGb)}; ${left} are left. When it is all used, the key stops until you buy more.`,
      };
    case 'cap':
      return {
        subject: `Your ${shop} traffic is used up`,
        heading: 'Your traffic is used up',
        lead: `Your proxy key has used all ${formatGb(m.capGb)} and is paused. Buy more traffic and it works again within a minute.`,
      };
    case 'expiry':
      return {
        subject: `Your ${shop} traffic expires in ${m.threshold === 1 ? '1 day' : `${m.threshold} days`}`,
        heading: 'Your traffic expires soon',
        lead: `Your proxy key expires on ${until}, with ${left} still unused. A new purchase extends it and keeps what is left.`,
      };
    case 'expired_unused':
      return {
        subject: `Your ${shop} traffic expired with ${left} unused`,
        heading: 'Your traffic has expired',
        lead: `Your proxy key expired on ${until} with ${left} unused. Buy more and the key works again with the new traffic.`,
      };
  }
}

export function reminderMail(message: MailOf<'reminder'>, context: MailContext): RenderedMail {
  const { subject, heading, lead } = wording(message, context.brand.name);
  return brandedMail(
    subject,
    {
      heading,
      intro: [lead],
      action: { label: 'Buy more', url: message.buyUrl },
      notes: ['You can turn these reminders off in the dashboard, or with the link below. Receipts are always sent.'],
      unsubscribeUrl: message.unsubscribePageUrl ?? message.unsubscribeUrl,
    },
    context,
  );
}
