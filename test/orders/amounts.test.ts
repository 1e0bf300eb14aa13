// The one rule turning money back into GB (refunds, disputes), what an order still counts for, and the refund
// dialog's amounts (typed in major units, sent in minor units).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openGb } from '../../src/orders/index.ts';
import { gbForAmount } from '../../src/shared/billing.ts';
import { moneyInput, parseMoney } from '../../web/src/admin/amounts.ts';

describe('gbForAmount', () => {
  it('never leaves the customer more GB than the money they kept paid for, and takes at most the whole order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 50, max: 10_000_000 }), (gb, price) =>
        fc.assert(
          fc.property(fc.integer({ min: 0, max: price }), (amount) => {
            const taken = gbForAmount(gb, amount, price);
            expect(Number.isInteger(taken)).toBe(true);
            expect(taken).toBeGreaterThanOrEqual(0);
            expect(taken).toBeLessThanOrEqual(gb);
            // Kept GB per kept money never exceeds the price per GB.
            expect((gb - taken) * price).toBeLessThanOrEqual(gb * (price - amount));
            // And it takes no more than one GB beyond the exact share.
            expect(taken * price).toBeLessThan(gb * amount + price);
          }),
          { numRuns: 20 },
        ),
      ),
      { numRuns: 50 },
    );
  });

  it('rounds a share up: a cent over half of 10 GB takes 6 GB; nothing takes nothing; all takes all', () => {
    expect(gbForAmount(10, 3451, 6900)).toBe(6);
    expect(gbForAmount(10, 3450, 6900)).toBe(5);
    expect(gbForAmount(10, 1, 6900)).toBe(1);
    expect(gbForAmount(10, 0, 6900)).toBe(0);
    expect(gbForAmount(10, 6900, 6900)).toBe(10);
    expect(gbForAmount(10, 99_999, 6900)).toBe(10);
  });
});

describe('openGb', () => {
  it('is what refunds and disputes leave of an order, never below zero', () => {
    expect(openGb({ gb: 10, refundedGb: 0, heldGb: 0 })).toBe(10);
    expect(openGb({ gb: 10, refundedGb: 3, heldGb: 5 })).toBe(2);
    // An inquiry refunded while still open holds and refunds the same GB for a while: the cap does not go negative.
    expect(openGb({ gb: 10, refundedGb: 10, heldGb: 10 })).toBe(0);
  });
});

describe('refund amounts as typed', () => {
  it('reads major units into minor units, refusing what is not an amount of that currency', () => {
    expect(parseMoney('34.50', 'usd')).toBe(3450);
    expect(parseMoney(' 34,5 ', 'eur')).toBe(3450);
    expect(parseMoney('34', 'usd')).toBe(3400);
    expect(parseMoney('0.01', 'usd')).toBe(1);
    expect(parseMoney('500', 'jpy')).toBe(500);
    for (const [text, currency] of [
      ['34.505', 'usd'],
      ['500.5', 'jpy'],
      ['-3', 'usd'],
      ['1e3', 'usd'],
      ['', 'usd'],
      ['$5', 'usd'],
    ])
      expect(parseMoney(text!, currency!), `${text} ${currency}`).toBeNull();
  });

  it('shows an amount so that reading it back gives the same minor units', () => {
    expect(moneyInput(3450, 'usd')).toBe('34.50');
    expect(moneyInput(500, 'jpy')).toBe('500');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom('usd', 'eur', 'jpy'), (minor, currency) => {
        expect(parseMoney(moneyInput(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
