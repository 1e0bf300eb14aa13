// Retail against wholesale: each tier's price per GB next to the platform's current wholesale rates from its public
// `/x402/pricing` answer, whose shape is not documented: rates are looked for wherever a per-GB price appears.
import type { Tier } from '../config/index.ts';
import type { Services } from '../services/index.ts';
import type { PricingView, TierPricing, WholesaleRate } from '../shared/admin.ts';
import { minorUnitsPer } from '../shared/format.ts';
import { MINUTE_MS } from '../time.ts';

/** Field names that hold a price per GB (any case, with or without separators), in major units. */
const PER_GB_FIELD = /^(price|rate|cost|usd|wholesale)?_?(price)?_?per_?gb(_?usd)?$|^per_?gb$|^gb_?price$/i;
/** The same in minor units (cents). */
const PER_GB_CENTS_FIELD = /^(price|rate|cost)?_?per_?gb_?cents$|^cents_?per_?gb$/i;
const MAX_DEPTH = 6;
const MAX_RATES = 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function currencyOf(node: Record<string, unknown>): string | undefined {
  const value = node.currency ?? node.curr;
  return typeof value === 'string' && /^[A-Za-z]{3,4}$/.test(value) ? value.toLowerCase() : undefined;
}

/**
 * Every per-GB rate in the answer, labelled by where it was found (`pools.mbl`). A currency named on the rate's own
 * object or an ancestor is used; `usdc` counts as `usd`; none at all is assumed USD (and said so).
 */
export function wholesaleRates(answer: unknown): WholesaleRate[] {
  const rates: WholesaleRate[] = [];
  const walk = (node: unknown, path: string[], currency: string | undefined, depth: number) => {
    if (depth > MAX_DEPTH || rates.length >= MAX_RATES) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const name =
          isRecord(item) && typeof (item.pool ?? item.name ?? item.id) === 'string'
            ? String(item.pool ?? item.name ?? item.id)
            : String(i);
        walk(item, [...path, name], currency, depth + 1);
      });
      return;
    }
    if (!isRecord(node)) return;
    const here = currencyOf(node) ?? currency;
    for (const [field, value] of Object.entries(node)) {
      const major = PER_GB_FIELD.test(field);
      const minor = PER_GB_CENTS_FIELD.test(field);
      if ((major || minor) && typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        const code = (here ?? 'usd').replace(/^usdc$/, 'usd');
        const perGb = minor ? value : value * minorUnitsPer(code);
        rates.push({
          label: path.join('.') || field,
          perGb: Math.round(perGb * 100) / 100,
          currency: code,
          currencyAssumed: here === undefined,
        });
      } else if (typeof value === 'object' && value !== null) {
        walk(value, [...path, field], here, depth + 1);
      }
    }
  };
  walk(answer, [], undefined, 0);
  return rates;
}

/** Each tier's retail price per GB and its margin against every wholesale rate in the same currency. */
export function tierPricing(tiers: readonly Tier[], rates: readonly WholesaleRate[]): TierPricing[] {
  return tiers.map((tier) => {
    const retailPerGb = tier.price / tier.gb;
    return {
      id: tier.id,
      name: tier.name,
      gb: tier.gb,
      price: tier.price,
      currency: tier.currency,
      retailPerGb: Math.round(retailPerGb),
      margins: rates
        .filter((r) => r.currency === tier.currency.toLowerCase())
        .map((r) => ({
          label: r.label,
          perGb: r.perGb,
          marginPerGb: Math.round(retailPerGb - r.perGb),
          marginPct: retailPerGb > 0 ? Math.round(((retailPerGb - r.perGb) / retailPerGb) * 1000) / 10 : 0,
        })),
    };
  });
}

const CACHE_MS = 5 * MINUTE_MS;
let cached: { raw: unknown; at: number } | undefined;

/** The pricing view; the platform's answer is reused for 5 minutes per isolate (it is public and changes rarely). */
export async function pricingView({
  config,
  pool,
  log,
  clock,
}: Pick<Services, 'config' | 'pool' | 'log' | 'clock'>): Promise<PricingView> {
  const now = clock.now();
  let error: string | null = null;
  if (!cached || now - cached.at >= CACHE_MS) {
    try {
      cached = { raw: await pool.wholesalePricing(), at: now };
    } catch (err) {
      log.warn('admin: wholesale pricing unavailable', { err });
      error = 'The platform’s pricing could not be read just now.';
    }
  }
  const raw = cached?.raw ?? null;
  const rates = raw === null ? [] : wholesaleRates(raw);
  if (raw !== null && rates.length === 0)
    error ??=
      'The platform’s pricing answer has no per-GB rate this console recognises; its raw answer is shown below.';
  return { tiers: tierPricing(config.tiers, rates), rates, raw, error, fetchedAt: cached?.at ?? null };
}
