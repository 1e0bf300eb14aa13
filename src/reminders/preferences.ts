// Whether a customer gets reminder mail: from the dashboard (signed in) or the mail's signed link (no session).
// Receipts, sign-in links and auto top-up notices are not reminders and are always sent.
import { auditStatement } from '../audit/index.ts';
import { type Customer, customerLocale, getCustomer, remindersOffStatement } from '../customers/index.ts';
import { DomainError } from '../domain-error.ts';
import type { Services } from '../services/index.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import type { ReminderSettings, UnsubscribeView } from '../shared/refill.ts';
import { customerOfToken, ONE_CLICK_PATH, withToken } from './unsubscribe.ts';

type PreferenceServices = Pick<Services, 'db' | 'clock'>;

export class ReminderLinkError extends DomainError<'invalid_unsubscribe_link'> {
  override readonly name = 'ReminderLinkError';
  constructor() {
    super(
      'invalid_unsubscribe_link',
      'This unsubscribe link is not valid. Turn reminders off in the dashboard instead.',
      { invalid_unsubscribe_link: 400 },
    );
  }
}

export async function reminderSettings(db: Services['db'], customerId: string): Promise<ReminderSettings> {
  const customer = await getCustomer(db, customerId);
  return { enabled: !customer?.remindersOffAt };
}

export async function setReminders(
  { db, clock }: PreferenceServices,
  actor: { customerId: string; requestId?: string; via: 'dashboard' | 'unsubscribe_link' },
  enabled: boolean,
): Promise<ReminderSettings> {
  const now = clock.now();
  await db.batch([
    remindersOffStatement(db, actor.customerId, enabled ? null : now),
    auditStatement(db, {
      actor: `customer:${actor.customerId}`,
      action: enabled ? 'reminders.on' : 'reminders.off',
      customerId: actor.customerId,
      detail: { via: actor.via },
      requestId: actor.requestId,
      at: now,
    }),
  ]);
  return { enabled };
}

/** The customer a signed unsubscribe link belongs to, or ReminderLinkError; changes nothing. */
export async function linkOwner(
  services: PreferenceServices & Pick<Services, 'config'>,
  token: string,
): Promise<Customer> {
  const customerId = await customerOfToken(services.config.auth, token);
  const customer = customerId ? await getCustomer(services.db, customerId) : undefined;
  if (!customer) throw new ReminderLinkError();
  return customer;
}

/** What the link's page shows: it asks while reminders are on, says when they are off, or that the link is not one of
 * this shop's, in the customer's language. Changes nothing (mail scanners open links). */
export async function unsubscribePage(
  services: PreferenceServices & Pick<Services, 'config'>,
  token: string,
): Promise<{ view: UnsubscribeView; locale: Locale | undefined }> {
  const customer = await linkOwner(services, token).catch((err: unknown) => {
    if (err instanceof ReminderLinkError) return null;
    throw err;
  });
  if (!customer) return { view: { state: 'invalid' }, locale: undefined };
  const locale = customerLocale(customer);
  if (customer.remindersOffAt) return { view: { state: 'off', email: customer.email }, locale };
  return { view: { state: 'ask', email: customer.email, action: withToken(ONE_CLICK_PATH, token) }, locale };
}

/** The signed link's unsubscribe; returns the customer's email to confirm on the page. */
export async function unsubscribeByLink(
  services: PreferenceServices & Pick<Services, 'config'>,
  token: string,
  requestId?: string,
): Promise<{ email: string }> {
  const customer = await linkOwner(services, token);
  if (!customer.remindersOffAt)
    await setReminders(services, { customerId: customer.id, requestId, via: 'unsubscribe_link' }, false);
  return { email: customer.email };
}
