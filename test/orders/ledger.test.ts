// The ledger of key generations, pure: where paid orders go, what each key holds and still has, and where a
// retiring key's unused GB are carried.
import { describe, expect, it } from 'vitest';
import { carryTarget, type LedgerKey, type LedgerOrder, ledgerOf, placeOrders } from '../../src/orders/ledger.ts';

const GB = 1024;
const order = (id: string, gb: number, keyGeneration: number | null, refundedGb = 0, heldGb = 0): LedgerOrder => ({
  id,
  gb,
  refundedGb,
  heldGb,
  keyGeneration,
  paidAt: Number(id.replace(/\D/g, '')),
});
const key = (generation: number, state: LedgerKey['state'], usedGb = 0, more: Partial<LedgerKey> = {}): LedgerKey => ({
  id: `key_${generation}`,
  generation,
  state,
  spentGb: 0,
  usedMb: usedGb * GB,
  finalUsedGb: null,
  carriedInto: null,
  carriedOutGb: null,
  ...more,
});

describe('placeOrders', () => {
  it('opens generation 1 for a first purchase and keeps later ones on it while they fit', () => {
    expect(placeOrders([order('o1', 10, null)], [], 1000)).toEqual([
      { kind: 'open', generation: 1 },
      { kind: 'assign', orderId: 'o1', generation: 1 },
    ]);
    expect(placeOrders([order('o1', 990, 1), order('o2', 10, null)], [key(1, 'current')], 1000)).toEqual([
      { kind: 'assign', orderId: 'o2', generation: 1 },
    ]);
  });

  it('rolls over past the ceiling, counting what retiring keys will carry in, however much was used', () => {
    const orders = [order('o1', 1000, 1), order('o2', 50, null), order('o3', 930, null)];
    expect(placeOrders(orders, [key(1, 'current', 1000)], 1000)).toEqual([
      { kind: 'retire', generation: 1 },
      { kind: 'open', generation: 2 },
      { kind: 'assign', orderId: 'o2', generation: 2 },
      { kind: 'assign', orderId: 'o3', generation: 2 },
    ]);
    // 40 GB left on the retiring key: 50 + 930 + 40 would pass 1000 once carried, so the 930 roll over again.
    expect(placeOrders(orders, [key(1, 'current', 960)], 1000).filter((s) => s.kind !== 'assign')).toEqual([
      { kind: 'retire', generation: 1 },
      { kind: 'open', generation: 2 },
      { kind: 'retire', generation: 2 },
      { kind: 'open', generation: 3 },
    ]);
  });

  it('puts any order on a current key that holds nothing', () => {
    expect(placeOrders([order('o1', 10, 1, 10), order('o2', 1000, null)], [key(1, 'current')], 1000)).toEqual([
      { kind: 'assign', orderId: 'o2', generation: 1 },
    ]);
  });
});

describe('ledgerOf', () => {
  it('carries a retired key’s GB minus what was used on it, through every later refund or dispute', () => {
    const keys = [key(1, 'retired', 0, { finalUsedGb: 900, carriedInto: 2, carriedOutGb: 100 }), key(2, 'current', 30)];
    const orders = [order('o1', 950, 1), order('o2', 50, 1), order('o3', 50, 2)];
    expect(ledgerOf(orders, keys).get(2)).toEqual({ targetGb: 150, remainingGb: 120, carriedOutGb: 0 });
    const refunded = [order('o1', 950, 1), order('o2', 50, 1, 50), order('o3', 50, 2)];
    expect(ledgerOf(refunded, keys).get(1)).toMatchObject({ carriedOutGb: 50 });
    expect(ledgerOf(refunded, keys).get(2)).toMatchObject({ targetGb: 100 });
    const disputed = [order('o1', 950, 1), order('o2', 50, 1, 0, 50), order('o3', 50, 2)];
    expect(ledgerOf(disputed, keys).get(1)).toMatchObject({ carriedOutGb: 50 });
    expect(ledgerOf(disputed, keys).get(2)).toMatchObject({ targetGb: 100 });
  });

  it('counts usage in whole GB in the customer’s favour', () => {
    const balance = ledgerOf([order('o1', 10, 1)], [key(1, 'current', 3.5)]).get(1);
    expect(balance).toEqual({ targetGb: 10, remainingGb: 7, carriedOutGb: 0 });
  });
});

describe('carryTarget', () => {
  it('carries into the current key when it fits, else into a new generation of its own', () => {
    const keys = [key(1, 'retiring', 0), key(2, 'current')];
    const fits = ledgerOf([order('o1', 100, 1), order('o2', 900, 2)], keys);
    expect(carryTarget(keys[0]!, 100, keys, fits, 1000)).toEqual({ generation: 2, open: false });
    const full = ledgerOf([order('o1', 100, 1), order('o2', 950, 2)], keys);
    expect(carryTarget(keys[0]!, 100, keys, full, 1000)).toEqual({ generation: 3, open: true });
  });
});
