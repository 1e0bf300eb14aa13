// Auto top-up: the customer's choice (tier, trigger, monthly limit), the cron's off-session charges of the saved
// card, the PaymentIntent events that pay or pause them, and the mail that asks the customer to finish a payment
// the bank wants them for.
export { runAutoTopUps } from './charge.ts';
export { planPaymentIntent } from './intents.ts';
export { sendPausedNoticeOnce } from './notice.ts';
export { AutoTopUpError, autoTopUpView, switchOffAutoTopUp, turnOnAutoTopUp } from './settings.ts';
export { autoTopUpQuery } from './store.ts';
