// The GB ledger of a customer's key generations, from D1 alone. Pure.
// A key holds the open GB of the orders placed on it plus what retired keys carried into it. What it still has is
// that minus what was used, in whole GB rounded in the customer's favour (the platform's unit): a key with 1000 GB
// of which 998.2 GB are used still has 2 GB. A retired key carries its GB minus what was used on it when it was
// switched off, so a later refund or dispute of one of its orders takes the GB back from the key they went to.
import type { Order, PoolKeyRow } from '../../schema.ts';
import { openGb } from './entitlement.ts';

export type LedgerKey = Pick<
  PoolKeyRow,
  'id' | 'generation' | 'state' | 'spentGb' | 'usedMb' | 'finalUsedGb' | 'carriedInto' | 'carriedOutGb'
>;
export type LedgerOrder = Pick<Order, 'id' | 'gb' | 'refundedGb' | 'heldGb' | 'keyGeneration' | 'paidAt'>;

export interface GenerationBalance {
  /** GB that count on it: its orders' open GB plus what was carried into it. */
  targetGb: number;
  /** Whole GB still usable on it (0 once retired: they count where they were carried). */
  remainingGb: number;
  /** Retired: the GB it carries into `carriedInto`. */
  carriedOutGb: number;
}

/** Whole GB used on a key so far: on earlier upstream keys of its generation plus the current one's counter. */
export function usedGbOf(key: Pick<LedgerKey, 'spentGb' | 'usedMb'>): number {
  return key.spentGb + Math.floor(key.usedMb / 1024);
}

/** The balance of every generation, computed oldest first (GB are only ever carried to a newer generation). */
export function ledgerOf(orders: readonly LedgerOrder[], keys: readonly LedgerKey[]): Map<number, GenerationBalance> {
  const balances = new Map<number, GenerationBalance>();
  const incoming = new Map<number, number>();
  for (const key of [...keys].sort((a, b) => a.generation - b.generation)) {
    const ordered = orders.reduce((sum, o) => sum + (o.keyGeneration === key.generation ? openGb(o) : 0), 0);
    const targetGb = ordered + (incoming.get(key.generation) ?? 0);
    if (key.state === 'retired') {
      const carriedOutGb = Math.max(0, targetGb - (key.finalUsedGb ?? 0));
      if (key.carriedInto !== null) incoming.set(key.carriedInto, (incoming.get(key.carriedInto) ?? 0) + carriedOutGb);
      balances.set(key.generation, { targetGb, remainingGb: 0, carriedOutGb });
    } else {
      balances.set(key.generation, { targetGb, remainingGb: Math.max(0, targetGb - usedGbOf(key)), carriedOutGb: 0 });
    }
  }
  return balances;
}

/** What the upstream key's cap must be: the generation's GB minus what its earlier upstream keys used. */
export function upstreamCapOf(key: Pick<LedgerKey, 'spentGb'>, balance: GenerationBalance | undefined): number {
  return Math.max(0, (balance?.targetGb ?? 0) - key.spentGb);
}

/** GB still usable on the retiring keys (they move to the current key when their grace ends). */
function retiringRemainingGb(keys: readonly LedgerKey[], ledger: Map<number, GenerationBalance>, except?: number) {
  return keys
    .filter((k) => k.state === 'retiring' && k.generation !== except)
    .reduce((sum, k) => sum + (ledger.get(k.generation)?.remainingGb ?? 0), 0);
}

/** One step of placing orders, applied in order: a generation stops being current, one opens, an order goes on one. */
export type PlacementStep =
  | { kind: 'retire'; generation: number }
  | { kind: 'open'; generation: number }
  | { kind: 'assign'; orderId: string; generation: number };

/**
 * Where the paid orders that are on no key yet go, in payment order: on the current key while its GB plus what
 * the retiring keys will carry into it stay within the ceiling; otherwise the current key starts retiring and a
 * new generation opens with the order. A current key with no GB takes any order (a new key would not fit better).
 */
export function placeOrders(
  orders: readonly LedgerOrder[],
  keys: readonly LedgerKey[],
  ceilingGb: number,
): PlacementStep[] {
  const steps: PlacementStep[] = [];
  const unplaced = orders
    .filter((o) => o.keyGeneration === null && openGb(o) > 0)
    .sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0) || a.id.localeCompare(b.id));
  if (unplaced.length === 0) return steps;
  const ledger = ledgerOf(orders, keys);
  const existing = keys.find((k) => k.state === 'current');
  let nextGeneration = Math.max(0, ...keys.map((k) => k.generation)) + 1;
  let current = existing
    ? {
        generation: existing.generation,
        targetGb: ledger.get(existing.generation)?.targetGb ?? 0,
        usedGb: usedGbOf(existing),
      }
    : null;
  let retiring = retiringRemainingGb(keys, ledger);
  for (const order of unplaced) {
    const gb = openGb(order);
    if (current && current.targetGb > 0 && current.targetGb + gb + retiring > ceilingGb) {
      steps.push({ kind: 'retire', generation: current.generation });
      retiring += Math.max(0, current.targetGb - current.usedGb);
      current = null;
    }
    if (!current) {
      current = { generation: nextGeneration++, targetGb: 0, usedGb: 0 };
      steps.push({ kind: 'open', generation: current.generation });
    }
    steps.push({ kind: 'assign', orderId: order.id, generation: current.generation });
    current.targetGb += gb;
  }
  return steps;
}

/**
 * Where a retiring key's unused GB go when its grace ends: the current key if they fit beside its GB and what the
 * other retiring keys will carry, else a new generation of their own (only after races past the checkout's check).
 */
export function carryTarget(
  from: LedgerKey,
  carriedGb: number,
  keys: readonly LedgerKey[],
  ledger: Map<number, GenerationBalance>,
  ceilingGb: number,
): { generation: number; open: boolean } {
  const current = keys.find((k) => k.state === 'current');
  const others = retiringRemainingGb(keys, ledger, from.generation);
  if (current && (ledger.get(current.generation)?.targetGb ?? 0) + carriedGb + others <= ceilingGb)
    return { generation: current.generation, open: false };
  return { generation: Math.max(0, ...keys.map((k) => k.generation)) + 1, open: true };
}
