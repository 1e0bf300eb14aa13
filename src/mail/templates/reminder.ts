// Usage and expiry reminders: what is left, when it ends, and a "Buy more" that lands on the checkout.
import { formatGb, formatPercent, formatUtcDateTime } from '../../shared/format.ts';
import { t } from '../../shared/i18n/translate.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

function wording(m: MailOf<'reminder'>, brand: string): { subject: string; heading: string; lead: string } {
  const left = formatGb(Math.max(0, m.capGb - m.usedGb));
  const cap = formatGb(m.capGb);
  const until = formatUtcDateTime(m.expiresAt);
  switch (m.reminder) {
    case 'usage': {
      const percent = formatPercent(m.threshold ?? 0);
      return {
        subject: t('mail.reminder.usageSubject', { percent, brand }),
        heading: t('mail.reminder.usageHeading', { percent }),
        lead: t('mail.reminder.usageLead', { used: formatGb(m.usedGb), cap, left }),
      };
    }
    case 'cap':
      return {
        subject: t('mail.reminder.capSubject', { brand }),
        heading: t('mail.reminder.capHeading'),
        lead: t('mail.reminder.capLead', { cap }),
      };
    case 'expiry':
      return {
        subject: t('mail.reminder.expirySubject', { brand, count: m.threshold ?? 0 }),
        heading: t('mail.reminder.expiryHeading'),
        lead: t('mail.reminder.expiryLead', { until, left }),
      };
    case 'expired_unused':
      return {
        subject: t('mail.reminder.expiredSubject', { brand, left }),
        heading: t('mail.reminder.expiredHeading'),
        lead: t('mail.reminder.expiredLead', { until, left }),
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
      action: { label: t('mail.reminder.buy'), url: message.buyUrl },
      notes: [t('mail.reminder.off')],
      unsubscribeUrl: message.unsubscribePageUrl ?? message.unsubscribeUrl,
    },
    context,
  );
}
