// The customer's auto top-up as the dashboard and the console show it, and turning it on (with a choice checked
// against the shop's tiers and limits) or off in one click.
import { auditStatement } from '../audit/index.ts';
import { DomainError, type DomainErrorOptions } from '../domain-error.ts';
import type { Services } from '../services/index.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { inLocale, t, words } from '../shared/i18n/translate.ts';
import type { AutoTopUpChoice, AutoTopUpPause, AutoTopUpView } from '../shared/refill.ts';
import { payUrlOf } from './notice.ts';
import { chargesOf, getAutoTopUp, periodOf, saveChoice, spentIn, switchOffStatement } from './store.ts';

type SettingsServices = Pick<Services, 'db' | 'config' | 'clock'>;

export type AutoTopUpErrorCode = 'auto_top_up_off' | 'invalid_auto_top_up';

const STATUS: Record<AutoTopUpErrorCode, number> = { auto_top_up_off: 400, invalid_auto_top_up: 400 };

export class AutoTopUpError extends DomainError<AutoTopUpErrorCode> {
  override readonly name = 'AutoTopUpError';
  constructor(code: AutoTopUpErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, STATUS, options);
  }
}

/** Why auto top-up is paused, and what carries it on (written inside `inLocale`). */
function pauseText(reason: AutoTopUpPause): string {
  switch (reason) {
    case 'authentication_required':
      return t('refill.pause.authentication');
    case 'card_declined':
      return t('refill.pause.declined');
    case 'no_card':
      return t('refill.pause.noCard');
    case 'payment_failed':
      return t('refill.pause.failed');
  }
}

/** The most a trigger may name: GB up to the cap ceiling, days up to a year. */
const MAX_DAYS = 365;

/** The customer's auto top-up, its sentences in `locale` (whose catalog the caller has loaded). */
export async function autoTopUpView(
  services: SettingsServices,
  customerId: string,
  locale: Locale,
): Promise<AutoTopUpView> {
  const { db, config, clock } = services;
  const [row, charges, spent] = await Promise.all([
    getAutoTopUp(db, customerId),
    chargesOf(db, customerId),
    spentIn(db, customerId, periodOf(clock.now())),
  ]);
  return inLocale(locale, () => ({
    available: config.autoTopUpMaxMonthly > 0,
    maxMonthlyLimit: config.autoTopUpMaxMonthly,
    currency: config.currency,
    enabled: row?.enabled === true,
    choice: row
      ? { tierId: row.tierId, trigger: row.trigger, threshold: row.threshold, monthlyLimit: row.monthlyLimit }
      : null,
    cardSaved: Boolean(row?.paymentMethodId),
    paused:
      row?.pausedAt && row.pausedReason
        ? {
            reason: row.pausedReason,
            text: pauseText(row.pausedReason),
            since: row.pausedAt,
            payUrl: payUrlOf(config.publicUrl, row.tierId),
          }
        : null,
    spentThisMonth: spent,
    charges: charges.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      amount: c.amount,
      tax: c.tax,
      currency: c.currency,
      state: c.state,
      failure: c.failure,
    })),
  }));
}

function checkChoice(config: SettingsServices['config'], choice: AutoTopUpChoice): void {
  if (config.autoTopUpMaxMonthly === 0)
    throw new AutoTopUpError('auto_top_up_off', 'This shop does not offer auto top-up.', {
      words: words('error.autoTopUpOff'),
    });
  const tier = config.tiers.find((t) => t.id === choice.tierId);
  if (!tier)
    throw new AutoTopUpError('invalid_auto_top_up', 'There is no such plan. Pick one from the pricing table.', {
      words: words('error.unknownTier'),
    });
  const most = choice.trigger === 'gb_left' ? config.keys.capCeilingGb : MAX_DAYS;
  if (choice.threshold < 1 || choice.threshold > most)
    throw new AutoTopUpError(
      'invalid_auto_top_up',
      `The trigger must be from 1 to ${most} ${choice.trigger === 'gb_left' ? 'GB' : 'days'}.`,
    );
  if (choice.monthlyLimit < tier.price || choice.monthlyLimit > config.autoTopUpMaxMonthly)
    throw new AutoTopUpError(
      'invalid_auto_top_up',
      `The monthly limit must be from the plan's price (${tier.price}) to ${config.autoTopUpMaxMonthly} (minor units of ${config.currency}).`,
    );
}

export async function turnOnAutoTopUp(
  services: SettingsServices,
  actor: { customerId: string; requestId?: string },
  choice: AutoTopUpChoice,
  locale: Locale,
): Promise<AutoTopUpView> {
  const { db, config, clock } = services;
  checkChoice(config, choice);
  const now = clock.now();
  await saveChoice(db, actor.customerId, { ...choice, currency: config.currency }, now);
  await auditStatement(db, {
    actor: `customer:${actor.customerId}`,
    action: 'auto_top_up.on',
    customerId: actor.customerId,
    detail: { ...choice },
    requestId: actor.requestId,
    at: now,
  });
  return autoTopUpView(services, actor.customerId, locale);
}

export async function switchOffAutoTopUp(
  services: SettingsServices,
  actor: { customerId: string; requestId?: string },
  locale: Locale,
): Promise<AutoTopUpView> {
  const { db, clock } = services;
  const now = clock.now();
  await db.batch([
    switchOffStatement(db, actor.customerId, now),
    auditStatement(db, {
      actor: `customer:${actor.customerId}`,
      action: 'auto_top_up.off',
      customerId: actor.customerId,
      requestId: actor.requestId,
      at: now,
    }),
  ]);
  return autoTopUpView(services, actor.customerId, locale);
}
