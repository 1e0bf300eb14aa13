// The sign-in email.
import { utcTime } from '../../shared/format.ts';
import { MINUTE_MS } from '../../time.ts';
import type { MailOf } from '../messages.ts';
import { brandedMail, type MailContext, type RenderedMail } from './layout.ts';

export function loginMail(message: MailOf<'login'>, context: MailContext): RenderedMail {
  const minutes = Math.max(1, Math.round((message.expiresAt - context.now) / MINUTE_MS));
  const until = utcTime(message.expiresAt);
  return brandedMail(
    `Your sign-in link for ${context.brand.name}`,
    {
      heading: `Sign in to ${context.brand.name}`,
      intro: ['Use the button below to sign in. It opens the shop, where you confirm with one click.'],
      action: { label: 'Sign in', url: message.url },
      notes: [
        `The link works once and expires in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${until} UTC). Asking for a new link cancels this one.`,
        'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
      ],
    },
    context,
  );
}
