// Usage and expiry reminders: which are due (from D1), sent once each through the mail queue, the signed one-click
// unsubscribe links they carry (and the page those open), and the customer's choice to get them.
export {
  linkOwner,
  ReminderLinkError,
  reminderSettings,
  setReminders,
  unsubscribeByLink,
  unsubscribePage,
} from './preferences.ts';
export { buyMoreTier, sendDueReminders } from './send.ts';
export { ONE_CLICK_PATH, unsubscribeLinks, withToken } from './unsubscribe.ts';
