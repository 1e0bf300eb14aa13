// One polite live region for short confirmations ("Copied", "Session closed") that screen readers announce.
import { signal } from '@preact/signals';

export const announcement = signal('');
let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string): void {
  // Clearing first makes a repeated message ("Copied" twice) be announced again.
  announcement.value = '';
  clearTimeout(timer);
  setTimeout(() => {
    announcement.value = message;
    timer = setTimeout(() => (announcement.value = ''), 4000);
  }, 50);
}
