// What one customer's keys should hold, from their paid orders in D1, and making the upstream keys match: new
// orders are placed on a key generation (rolling over past the cap ceiling), keys whose grace ended are retired,
// working keys converge to their balance, and a new generation is announced by mail once.
import { customerLocale, getCustomer } from '../customers/index.ts';
import {
  claimAnnouncement,
  heldOffByPerson,
  keysOf,
  openGenerationStatement,
  type PoolKeyRow,
  saveKey,
  startRetiringStatement,
  unclaimAnnouncement,
} from '../keys/index.ts';
import {
  entitlementOf,
  ledgerOf,
  listEntitledOrders,
  type PlacementStep,
  placeOrderStatement,
  placeOrders,
} from '../orders/index.ts';
import { type CustomerRun, convergeKey, type ReconcileServices } from './key.ts';
import { deleteRetired, retireKey } from './retire.ts';

function placementStatement(services: ReconcileServices, customerId: string, step: PlacementStep, now: number) {
  const { db, config } = services;
  if (step.kind === 'assign') return placeOrderStatement(db, step.orderId, step.generation);
  if (step.kind === 'open') return openGenerationStatement(db, customerId, step.generation, now);
  return startRetiringStatement(db, customerId, step.generation, now + config.keys.rolloverGraceMs, now);
}

/** Mails the customer once when a new generation replaced their key (the dashboard shows it too). */
async function announceNewKey(run: CustomerRun, keys: readonly PoolKeyRow[]): Promise<void> {
  const { db, mail } = run.services;
  const current = keys.find((k) => k.state === 'current');
  if (!current || current.generation === 1 || !current.upstreamId || current.announcedAt !== null) return;
  const previous = keys.filter((k) => k.state === 'retiring').at(-1);
  if (!(await claimAnnouncement(db, current.id, run.now))) return;
  try {
    await mail.enqueue({
      kind: 'key_rollover',
      locale: customerLocale(run.customer),
      keyId: current.id,
      to: run.customer.email,
      generation: current.generation,
      secretMask: current.secretMask,
      previousMask: previous?.secretMask ?? null,
      previousWorksUntil: previous?.graceUntil ?? null,
    });
  } catch (err) {
    await unclaimAnnouncement(db, current.id);
    throw err;
  }
}

/** One round of the reconcile of the customer's keys, under the caller's lease. */
export async function convergeCustomer(services: ReconcileServices, customerId: string): Promise<void> {
  const { db, config } = services;
  const now = services.clock.now();
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new Error('customer row missing');
  let [keys, orders] = await Promise.all([keysOf(db, customerId), listEntitledOrders(db, customerId)]);

  const steps = placeOrders(orders, keys, config.keys.capCeilingGb);
  if (steps.length > 0) {
    const [first, ...rest] = steps.map((step) => placementStatement(services, customerId, step, now));
    if (first) await db.batch([first, ...rest]);
    [keys, orders] = await Promise.all([keysOf(db, customerId), listEntitledOrders(db, customerId)]);
  }

  const run: CustomerRun = {
    services,
    customer,
    now,
    expiresAt: entitlementOf(orders).expiresAt,
    blocked: Boolean(customer.suspendedAt) || heldOffByPerson(keys),
  };
  for (const key of keys) if (key.state === 'retired') await deleteRetired(run, key);
  let retired = false;
  for (const key of keys.filter((k) => k.state === 'retiring' && (k.graceUntil ?? 0) <= now)) {
    // Each carry sees the ones before it (one may have opened a new generation).
    if (retired) keys = await keysOf(db, customerId);
    retired = (await retireKey(run, key, keys, ledgerOf(orders, keys))) || retired;
  }
  if (retired) keys = await keysOf(db, customerId);

  const ledger = ledgerOf(orders, keys);
  for (const key of keys) {
    const balance = ledger.get(key.generation);
    // A refund of an order on a retired key takes its GB back from the key they were carried to.
    if (key.state === 'retired' && balance && balance.carriedOutGb !== key.carriedOutGb)
      await saveKey(db, key.id, { carriedOutGb: balance.carriedOutGb }, now);
  }
  const working = keys.filter((k) => k.state === 'current' || (k.state === 'retiring' && (k.graceUntil ?? 0) > now));
  for (const key of working) await convergeKey(run, key, ledger.get(key.generation));
  if (working.some((k) => k.state === 'current' && k.generation > 1 && k.announcedAt === null))
    await announceNewKey(run, await keysOf(db, customerId));
}
