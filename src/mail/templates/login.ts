// The sign-in email.
import { formatUtcTime } from '../../shared/format.ts';
import { t } from '../../shared/i18n/translate.ts';
import { MINUTE_MS } from '../../time.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

export function loginMail(message: MailOf<'login'>, context: MailContext): RenderedMail {
  const minutes = Math.max(1, Math.round((message.expiresAt - context.now) / MINUTE_MS));
  const brand = context.brand.name;
  return brandedMail(
    t('mail.login.subject', { brand }),
    {
      heading: t('mail.login.heading', { brand }),
      intro: [t('mail.login.intro')],
      action: { label: t('mail.login.action'), url: message.url },
      notes: [
        t('mail.login.expires', { count: minutes, until: formatUtcTime(message.expiresAt) }),
        t('mail.login.ignore'),
      ],
    },
    context,
  );
}
