// The gateway's endpoints under /v1: public stock, incidents and wholesale pricing, and the reseller's live
// sessions (reseller-wide without `pakId`, exactly like the platform: that is why the shop always sends it).
import { Hono } from 'hono';
import type { PoolStock } from '../../src/pool/contract.ts';
import { INCIDENTS_SAMPLE, STOCK_SAMPLE, WHOLESALE_PRICING_SAMPLE } from './fixtures.ts';
import type { Env } from './http.ts';
import { publicSession } from './sessions.ts';
import { iso, now, state } from './store.ts';

/** Totals as the platform computes them from the per-country counts. */
function stockTotals(pools: PoolStock['pools']): PoolStock['totals'] {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const mbl = sum(pools.mbl);
  const peer = sum(pools.peer);
  return { mbl, peer, all: mbl + peer };
}

/** The stock the gateway reports now: the sample, or what PUT /_sim/proxies/stock set. */
export function stockNow(): PoolStock {
  const pools = state.stock ?? STOCK_SAMPLE.pools;
  return { pools, totals: stockTotals(pools), generatedAt: iso(now()) };
}

export const gatewayApi = new Hono<Env>()
  .get('/gateway/pool/stock', (c) => c.json(stockNow()))
  .get('/gateway/incidents', (c) => {
    const feed = state.incidents ?? { incidents: INCIDENTS_SAMPLE, bare: false };
    return c.json(feed.bare ? feed.incidents : { incidents: feed.incidents, generatedAt: iso(now()) });
  })
  .get('/x402/pricing', (c) => c.json(WHOLESALE_PRICING_SAMPLE))
  .get('/gateway/pool/my-sessions', (c) => {
    const pakId = c.req.query('pakId');
    const sessions = state.sessions.filter((s) => !pakId || s.pakId === pakId).map(publicSession);
    return c.json({ sessions, count: sessions.length });
  })
  .delete('/gateway/pool/my-sessions', (c) => {
    const pakId = c.req.query('pakId');
    const before = state.sessions.length;
    state.sessions = state.sessions.filter((s) => pakId && s.pakId !== pakId);
    const count = before - state.sessions.length;
    return c.json({ success: true, message: `Closed ${count} session(s)`, count });
  })
  .delete('/gateway/pool/my-sessions/:sessionKey', (c) => {
    const pakId = c.req.query('pakId');
    const sessionKey = c.req.param('sessionKey');
    const index = state.sessions.findIndex((s) => s.sessionKey === sessionKey && (!pakId || s.pakId === pakId));
    if (index < 0) return c.json({ success: false, message: 'Session not found' });
    state.sessions.splice(index, 1);
    return c.json({ success: true, message: 'Session closed' });
  });
