// "Your proxy key changed": the customer's purchase took their key past the most one key can hold, so the shop
// opened a new one. Masks only: the new secret is in the dashboard.
import { formatUtcDateTime } from '../../shared/format.ts';
import { t } from '../../shared/i18n/translate.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

function oldKey(message: MailOf<'key_rollover'>): string {
  if (!message.previousWorksUntil) return t('mail.rollover.oldStopped');
  const until = formatUtcDateTime(message.previousWorksUntil);
  return message.previousMask
    ? t('mail.rollover.oldWorksMasked', { mask: message.previousMask, until })
    : t('mail.rollover.oldWorks', { until });
}

export function keyRolloverMail(message: MailOf<'key_rollover'>, context: MailContext): RenderedMail {
  return brandedMail(
    t('mail.rollover.subject', { brand: context.brand.name }),
    {
      heading: t('mail.rollover.heading'),
      intro: [
        message.secretMask ? t('mail.rollover.newMasked', { mask: message.secretMask }) : t('mail.rollover.new'),
        oldKey(message),
        t('mail.rollover.update'),
      ],
      action: { label: t('mail.openDashboard'), url: `${context.publicUrl}/dashboard` },
      notes: [t('mail.keepPrivate')],
    },
    context,
  );
}
