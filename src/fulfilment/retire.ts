// Rollover retirement: a key whose grace has ended stops working and its unused GB move to a newer generation;
// then it is deleted upstream. Each step is idempotent, so a run that dies halfway is finished by the next.
import {
  openGenerationStatement,
  type PoolKeyRow,
  retireStatement,
  saveKey,
  startRetiringStatement,
} from '../keys/index.ts';
import { carryTarget, type GenerationBalance, type LedgerKey, usedGbOf } from '../orders/index.ts';
import { isUpstreamError } from '../pool/index.ts';
import { MINUTE_MS } from '../time.ts';
import { type CustomerRun, observe } from './key.ts';

/** After switching a retiring key off, its usage is read for the last time this much later (the platform flushes usage within ~15 s). */
export const USAGE_SETTLE_MS = MINUTE_MS;

/**
 * A retiring key whose grace has ended: switched off first, and on a later run (once usage has settled) read a
 * last time, its unused GB carried (one statement) and the key deleted upstream. Returns whether it was retired.
 */
export async function retireKey(
  run: CustomerRun,
  key: PoolKeyRow,
  keys: readonly LedgerKey[],
  ledger: Map<number, GenerationBalance>,
): Promise<boolean> {
  const { db, pool, config, log } = run.services;
  const { now } = run;
  const { row, upstream } = await observe(run, key);
  if (row.switchedOffAt === null || now < row.switchedOffAt + USAGE_SETTLE_MS) {
    if (upstream?.enabled) await pool.updateKey(upstream.id, { enabled: false });
    if (row.switchedOffAt === null) await saveKey(db, row.id, { switchedOffAt: now, enabled: false }, now);
    return false;
  }
  const finalUsedGb = usedGbOf(row);
  const carriedOutGb = Math.max(0, (ledger.get(row.generation)?.targetGb ?? 0) - finalUsedGb);
  const into = carryTarget(row, carriedOutGb, keys, ledger, config.keys.capCeilingGb);
  const current = keys.find((k) => k.state === 'current');
  await db.batch([
    retireStatement(db, row.id, { finalUsedGb, into: into.generation, carriedOutGb }, now),
    ...(into.open && current
      ? [startRetiringStatement(db, row.customerId, current.generation, now + config.keys.rolloverGraceMs, now)]
      : []),
    ...(into.open ? [openGenerationStatement(db, row.customerId, into.generation, now)] : []),
  ]);
  log.info('pool key retired', { customerId: row.customerId, generation: row.generation, carriedOutGb, into });
  await deleteRetired(run, { ...row, upstreamId: upstream ? row.upstreamId : null });
  return true;
}

/** Deletes a retired key upstream (the client checks state before deleting again after a failure). */
export async function deleteRetired(run: CustomerRun, key: Pick<PoolKeyRow, 'id' | 'upstreamId' | 'deletedAt'>) {
  if (!key.upstreamId || key.deletedAt) return;
  try {
    await run.services.pool.deleteKey(key.upstreamId);
  } catch (err) {
    if (!(isUpstreamError(err) && err.notFound)) throw err;
  }
  await saveKey(run.services.db, key.id, { deletedAt: run.now, enabled: false }, run.now);
}
