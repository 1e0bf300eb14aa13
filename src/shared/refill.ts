// Types of the reminder and auto top-up settings (/api/reminders, /api/auto-top-up) and the unsubscribe page. Pure: no
// imports.

export interface ReminderSettings {
  /** Usage and expiry reminders by mail; receipts and sign-in links are always sent. */
  enabled: boolean;
}

/** 'gb_left': when fewer than `threshold` GB are left; 'days_left': when the key expires in fewer than `threshold` days. */
export type AutoTopUpTrigger = 'gb_left' | 'days_left';

/**
 * Why auto top-up stopped charging: the bank wants the customer, the card was declined, no card is saved yet, or the
 * payment failed otherwise (a bank debit returned, or Stripe refused the charge).
 */
export type AutoTopUpPause = 'authentication_required' | 'card_declined' | 'no_card' | 'payment_failed';

export interface AutoTopUpChoice {
  tierId: string;
  trigger: AutoTopUpTrigger;
  threshold: number;
  /** The most it may charge per calendar month (UTC), minor units of the shop's currency. */
  monthlyLimit: number;
}

export interface AutoTopUpCharge {
  id: string;
  /** Unix ms. */
  createdAt: number;
  /** The tier's price, before tax (what the monthly limit counts). */
  amount: number;
  /** Tax on top (automatic tax), 0 without it. */
  tax: number;
  currency: string;
  /** charging: waiting for Stripe's answer · processing: the bank is settling it (a debit: days) */
  state: 'charging' | 'processing' | 'succeeded' | 'failed' | 'skipped';
  failure: string | null;
}

export interface AutoTopUpView {
  /** False when the shop has auto top-up off (AUTO_TOP_UP_MAX_MONTHLY = 0). */
  available: boolean;
  /** The highest monthly limit the shop allows, minor units of `currency`. */
  maxMonthlyLimit: number;
  currency: string;
  enabled: boolean;
  choice: AutoTopUpChoice | null;
  cardSaved: boolean;
  paused: { reason: AutoTopUpPause; text: string; since: number; payUrl: string } | null;
  /** Charged by auto top-up this calendar month (UTC). */
  spentThisMonth: number;
  charges: AutoTopUpCharge[];
}

/** Where a reminder mail's "Stop these reminders" link goes (with `?token=`): a page of the shop, outside the API. */
export const UNSUBSCRIBE_PAGE_PATH = '/reminders/unsubscribe';

/** The page a reminder mail's signed link opens (/reminders/unsubscribe?token=…), as the Worker renders it: it asks
 * first (`action` is where its button posts), says reminders are off, or says the link does not work. */
export type UnsubscribeView =
  | { state: 'ask'; email: string; action: string }
  | { state: 'off'; email: string }
  | { state: 'invalid' };
