// When an auto top-up is due: fewer than N GB left (counting GB paid for and on their way), or the key expiring in
// fewer than N days. Pure.
import type { AutoTopUpChoice } from '../shared/refill.ts';
import { DAY_MS } from '../time.ts';

export interface Standing {
  /** GB the customer still has or is paying for (src/orders/ceiling.ts's stillHasGb). */
  gbLeft: number;
  /** When the key expires; null: it does not. */
  expiresAt: number | null;
  /** Whether anything was ever bought: auto top-up tops up, it does not make the first purchase. */
  bought: boolean;
}

export function topUpDue(choice: Pick<AutoTopUpChoice, 'trigger' | 'threshold'>, s: Standing, now: number): boolean {
  if (!s.bought) return false;
  if (choice.trigger === 'gb_left') return s.gbLeft < choice.threshold;
  return s.expiresAt !== null && s.expiresAt - now < choice.threshold * DAY_MS;
}
