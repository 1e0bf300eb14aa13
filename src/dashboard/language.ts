// The customer's language: the dashboard's and their mail's, chosen in the dashboard among those the shop speaks.
import { setCustomerLocale } from '../customers/index.ts';
import type { Services } from '../services/index.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { DashboardError } from './errors.ts';

export async function chooseLanguage(
  { db, config }: Pick<Services, 'db' | 'config'>,
  customerId: string,
  locale: Locale,
): Promise<Locale> {
  if (!config.locales.includes(locale))
    throw new DashboardError(
      'invalid_request',
      `The shop does not speak "${locale}": choose one of ${config.locales.join(', ')}.`,
    );
  await setCustomerLocale(db, customerId, locale);
  return locale;
}
