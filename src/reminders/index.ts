// Usage and expiry reminders: which are due (from D1), sent once each through the mail queue, the signed one-click
// unsubscribe link they carry, and the customer's choice to get them.
export { linkOwner, ReminderLinkError, reminderSettings, setReminders, unsubscribeByLink } from './preferences.ts';
export { buyMoreTier, sendDueReminders } from './send.ts';
export { unsubscribeUrl } from './unsubscribe.ts';
