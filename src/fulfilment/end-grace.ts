// Ending a rollover's grace early (a rotation, or an operator from the console): the retiring generation stops working
// now, by the same path as a grace that ran out (retire.ts): the reconcile switches it off at once and, once its usage
// has settled, a later run carries its unused GB to the current key and deletes it upstream.
import type { Db } from '../db/index.ts';
import { endGraceStatement, keysOf, markOwedStatement } from '../keys/index.ts';
import type { ReconcileServices } from './key.ts';
import { reconcileCustomerKey } from './reconcile.ts';

type Statement = Parameters<Db['batch']>[0][number];

export interface EndedGrace {
  /** The generations whose grace this ended (none when there was no grace to end, or on a replay). */
  generations: { generation: number; secretMask: string | null }[];
  /** Whether every one of them is switched off upstream already (else the cron finishes it within minutes). */
  switchedOff: boolean;
}

/**
 * Ends the grace of the customer's retiring keys and switches them off. `alongside` (the audit line of who did it)
 * is written in the same batch as the end of the grace. The reconcile never throws: a failure is left to the cron,
 * which sees the grace ended.
 */
export async function endRetiringGrace(
  services: ReconcileServices,
  customerId: string,
  alongside: (generations: EndedGrace['generations'], at: number) => Statement[] = () => [],
): Promise<EndedGrace> {
  const { db, clock, log } = services;
  const now = clock.now();
  const retiring = (await keysOf(db, customerId)).filter((k) => k.state === 'retiring' && (k.graceUntil ?? 0) > now);
  if (retiring.length === 0) return { generations: [], switchedOff: true };
  const planned = retiring.map((k) => ({ generation: k.generation, secretMask: k.secretMask }));
  const [ended] = await db.batch([
    endGraceStatement(db, customerId, now),
    markOwedStatement(db, customerId, now),
    ...alongside(planned, now),
  ]);
  if (ended.length === 0) return { generations: [], switchedOff: true };
  const result = await reconcileCustomerKey(services, customerId);
  const after = await keysOf(db, customerId);
  const switchedOff = ended.every(({ generation }) => {
    const key = after.find((k) => k.generation === generation);
    return !key || key.state === 'retired' || key.switchedOffAt !== null;
  });
  log.info('rollover grace ended early', { customerId, generations: ended, reconcile: result.state, switchedOff });
  return { generations: ended, switchedOff };
}
