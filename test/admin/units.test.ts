// The console's pure parts: CSV cells a spreadsheet cannot run, wholesale rates found in whatever shape the
// platform answers, margins only within one currency, which keys need a look.
import { describe, expect, it } from 'vitest';
import { attentionOf, csvCell, csvLine, fillDays, tierPricing, wholesaleRates } from '../../src/admin/index.ts';

describe('csvCell', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+31 20 123')).toBe("'+31 20 123");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('quotes commas, quotes, line breaks and edge spaces; leaves plain text and numbers alone', () => {
    expect(csvCell('plain@example.com')).toBe('plain@example.com');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(6900)).toBe('6900');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvLine(['a', 1, null, '=x'])).toBe("a,1,,'=x\r\n");
  });
});

describe('wholesaleRates', () => {
  it('reads the documented sample (pools with pricePerGB in USD)', () => {
    expect(wholesaleRates({ currency: 'USD', pools: { mbl: { pricePerGB: 4.5 }, peer: { pricePerGB: 1.5 } } })).toEqual(
      [
        { label: 'pools.mbl', perGb: 450, currency: 'usd', currencyAssumed: false },
        { label: 'pools.peer', perGb: 150, currency: 'usd', currencyAssumed: false },
      ],
    );
  });

  it('reads other shapes: bare arrays, snake case, cents, nested currencies, USDC; assumes USD when none is named', () => {
    expect(wholesaleRates([{ pool: 'mbl', price_per_gb: 4 }])).toEqual([
      { label: 'mbl', perGb: 400, currency: 'usd', currencyAssumed: true },
    ]);
    expect(wholesaleRates({ rates: { eu: { currency: 'EUR', perGb: 3.25 } } })).toEqual([
      { label: 'rates.eu', perGb: 325, currency: 'eur', currencyAssumed: false },
    ]);
    expect(wholesaleRates({ currency: 'USDC', mobile: { pricePerGbCents: 420 } })).toEqual([
      { label: 'mobile', perGb: 420, currency: 'usd', currencyAssumed: false },
    ]);
  });

  it('finds nothing in answers without a per-GB price, and ignores nonsense values', () => {
    expect(wholesaleRates({ minGB: 1, volumeDiscounts: [{ minGB: 100, discountPct: 10 }] })).toEqual([]);
    expect(wholesaleRates({ pricePerGB: '4.5' })).toEqual([]);
    expect(wholesaleRates({ pricePerGB: -1 })).toEqual([]);
    expect(wholesaleRates(null)).toEqual([]);
    expect(wholesaleRates('pricing')).toEqual([]);
  });
});

describe('tierPricing', () => {
  const tier = { id: 'pro', name: 'Pro', gb: 10, price: 6900, currency: 'usd', pricePerGb: 690, prices: { usd: 6900 } };

  it('computes the margin per GB against each rate in the tier’s currency only', () => {
    const [pro] = tierPricing(
      [tier],
      [
        { label: 'mbl', perGb: 450, currency: 'usd', currencyAssumed: false },
        { label: 'eu', perGb: 300, currency: 'eur', currencyAssumed: false },
      ],
    );
    expect(pro).toMatchObject({
      retailPerGb: 690,
      margins: [{ label: 'mbl', perGb: 450, marginPerGb: 240, marginPct: 34.8 }],
    });
  });

  it('shows a loss as a negative margin', () => {
    const [pro] = tierPricing([tier], [{ label: 'mbl', perGb: 800, currency: 'usd', currencyAssumed: true }]);
    expect(pro!.margins[0]).toMatchObject({ marginPerGb: -110, marginPct: -15.9 });
  });
});

describe('attentionOf', () => {
  const now = Date.UTC(2026, 10, 28, 12);
  const DAY = 86_400_000;
  it('flags keys at or near their cap, expiring within 3 days, or expired in the last week', () => {
    expect(attentionOf(10, 10, null, now)).toBe('at_cap');
    expect(attentionOf(10, 8, null, now)).toBe('near_cap');
    expect(attentionOf(10, 7.9, null, now)).toBeNull();
    expect(attentionOf(10, null, now + 2 * DAY, now)).toBe('expiring');
    expect(attentionOf(10, 1, now + 4 * DAY, now)).toBeNull();
    expect(attentionOf(10, 1, now - DAY, now)).toBe('expired');
    expect(attentionOf(10, 1, now - 8 * DAY, now)).toBeNull();
  });
});

describe('fillDays', () => {
  it('zero-fills the days without sales, oldest first, ending today (UTC)', () => {
    const days = fillDays([{ date: '2026-11-27', amount: 900, orders: 1 }], 3, Date.UTC(2026, 10, 28, 23, 59));
    expect(days).toEqual([
      { date: '2026-11-26', amount: 0, orders: 0 },
      { date: '2026-11-27', amount: 900, orders: 1 },
      { date: '2026-11-28', amount: 0, orders: 0 },
    ]);
  });
});
