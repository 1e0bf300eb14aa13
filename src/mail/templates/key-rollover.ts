// "Your proxy key changed": the customer's purchase took their key past the most one key can hold, so the shop
// opened a new one. Masks only: the new secret is in the dashboard.
import { utcDateTime } from '../../shared/format.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

export function keyRolloverMail(message: MailOf<'key_rollover'>, context: MailContext): RenderedMail {
  const until = message.previousWorksUntil;
  return brandedMail(
    `Your ${context.brand.name} proxy key has changed`,
    {
      heading: 'You have a new proxy key',
      intro: [
        'Your latest purchase took your proxy key past the most traffic one key can hold, so we made you a new key ' +
          `${message.secretMask ? `(${message.secretMask}) ` : ''}with the new traffic on it.`,
        until
          ? `Your old key${message.previousMask ? ` (${message.previousMask})` : ''} keeps working until ${utcDateTime(until)}, so running jobs do not break. After that it stops, and whatever traffic was left on it moves to the new key.`
          : 'Your old key has stopped; whatever traffic was left on it moves to the new key.',
        'Copy the new password from the dashboard and update your tools before then.',
      ],
      action: { label: 'Open the dashboard', url: `${context.publicUrl}/dashboard` },
      notes: ['Keep your proxy credentials private: anyone with them uses your traffic.'],
    },
    context,
  );
}
