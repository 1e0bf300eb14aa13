// Realistic samples the Proxies.sx simulator serves and tests compare against. Typed with the shop's own
// contract (src/pool/contract.ts), so a sample that no longer fits the shapes the client expects fails to compile.
import type { Incident, PoolStock } from '../../src/pool/contract.ts';

/** The real stock sample from docs/UPSTREAM.md (generatedAt is set when served). */
export const STOCK_SAMPLE: Omit<PoolStock, 'generatedAt'> = {
  pools: { mbl: { us: 73, de: 19, fr: 18, es: 25, gb: 22 }, peer: { us: 0, ch: 1 } },
  totals: { mbl: 157, peer: 1, all: 158 },
};

/** One active incident in each `affects` style, and one resolved one (which the shop filters out). */
export const INCIDENTS_SAMPLE: Incident[] = [
  {
    id: 'inc_2026_11_28_de_peer',
    severity: 'minor',
    title: 'Degraded peer pool in Germany',
    description: 'Some community devices in Germany are reconnecting slowly. Mobile (mbl) is not affected.',
    startedAt: '2026-11-28T08:15:00.000Z',
    resolvedAt: null,
    affects: ['country:de', 'pool:peer'],
  },
  {
    id: 'inc_2026_11_27_fr',
    severity: 'info',
    title: 'Carrier maintenance in France',
    startedAt: '2026-11-27T22:00:00.000Z',
    affects: ['fr'],
  },
  {
    id: 'inc_2026_11_20_us',
    severity: 'major',
    title: 'US modem rack offline',
    description: 'Resolved: the rack is back online.',
    startedAt: '2026-11-20T03:00:00.000Z',
    resolvedAt: '2026-11-20T05:42:00.000Z',
    affects: ['us'],
  },
];

/** Opaque wholesale rates for the simulator only: the shop never hard-codes or interprets them. */
export const WHOLESALE_PRICING_SAMPLE: Record<string, unknown> = {
  currency: 'USD',
  pools: {
    mbl: { pricePerGB: 4.5, minGB: 1 },
    peer: { pricePerGB: 1.5, minGB: 1 },
  },
  volumeDiscounts: [
    { minGB: 100, discountPct: 10 },
    { minGB: 500, discountPct: 20 },
  ],
  updatedAt: '2026-11-01T00:00:00.000Z',
};
