// The customer's reminder and auto top-up settings (/api/reminders, /api/auto-top-up), for the "Never run dry" panel.
import type { AutoTopUpChoice } from '../../../src/shared/refill.ts';
import { api, read } from '../api.ts';

export const reminderSettings = () => read(api.reminders.$get());

export const setReminders = (enabled: boolean) => read(api.reminders.$put({ json: { enabled } }));

export const autoTopUpSettings = () => read(api['auto-top-up'].$get());

export const turnOnAutoTopUp = (choice: AutoTopUpChoice) => read(api['auto-top-up'].$put({ json: choice }));

export const turnOffAutoTopUp = () => read(api['auto-top-up'].$delete());
