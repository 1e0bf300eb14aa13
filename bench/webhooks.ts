// `npm run bench:webhooks` against a running `npm run dev` (PORT / SIM_PORT as for dev):
// 200 concurrent Stripe deliveries that are duplicates of 20 different payment events (10 customers × 2 purchases),
// then: deliveries/s, purchases recorded (goal: exactly 20) and upstream mints (goal: one per new customer).
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  json,
  shopFetch,
  signIn as signInAs,
  simPost as simPostTo,
  targetFromEnv,
  upstreamCalls,
} from '../devkit/shop-client.ts';

const target = targetFromEnv();
const SHOP = target.shop;
const SIM = target.sim;
const CUSTOMERS = 10;
const TIERS = ['starter', 'pro'];
const COPIES = 10;
const run = Date.now().toString(36);

interface Delivery {
  id: string;
  eventId: string;
  payload: string;
  signature: string;
}

const simPost = (path: string, body: unknown = {}) => simPostTo(target, path, body);
const shop = (path: string, init: { json?: unknown; cookie?: string; ip?: string } = {}) =>
  shopFetch(target, path, init);
const signIn = (email: string, ip: string) => signInAs(target, email, ip);

async function mintCount(): Promise<number> {
  return (await upstreamCalls(target)).filter((c) => c.method === 'POST' && c.path === '/v1/reseller/pool-keys').length;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

console.log(`▸ shop ${SHOP}, simulators ${SIM}`);
await json(await fetch(`${SHOP}/api/healthz`), 'shop health (is `npm run dev` running?)');

// Deliveries are held in the simulator: the benchmark posts them itself, all at once.
await json(await simPost('/_sim/stripe/hold'), 'hold deliveries');
try {
  console.log(`▸ signing in ${CUSTOMERS} new customers and paying ${TIERS.length} checkouts each`);
  const buyers = await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, i) => {
      const cookie = await signIn(`bench-${run}-${i}@example.com`, `198.51.100.${(i % 250) + 1}`);
      const sessionIds: string[] = [];
      const eventIds: string[] = [];
      for (const tierId of TIERS) {
        const { url } = await json<{ url: string }>(
          await shop('/api/checkout', { json: { tierId }, cookie }),
          'checkout',
        );
        const sessionId = new URL(url).pathname.split('/').pop()!;
        const paid = await json<{ events: { id: string }[] }>(
          await simPost(`/_sim/stripe/sessions/${sessionId}/pay`),
          'pay',
        );
        sessionIds.push(sessionId);
        eventIds.push(paid.events[0]!.id);
      }
      return { cookie, sessionIds, eventIds };
    }),
  );
  const eventIds = buyers.flatMap((b) => b.eventIds);
  const deliveries = shuffle(
    (
      await Promise.all(
        eventIds.map(async (id) =>
          json<Delivery[]>(await simPost(`/_sim/stripe/events/${id}/deliver`, { count: COPIES }), 'duplicate'),
        ),
      )
    ).flat(),
  );
  const mintsBefore = await mintCount();

  console.log(`▸ firing ${deliveries.length} deliveries (${eventIds.length} events × ${COPIES}) concurrently`);
  const started = performance.now();
  const answers = await Promise.all(
    deliveries.map(async (d) => {
      const res = await fetch(`${SHOP}/api/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': d.signature },
        body: d.payload,
      });
      const body = (await res.json().catch(() => ({}))) as { result?: string };
      return { status: res.status, result: body.result ?? 'error' };
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Fulfilment runs after the 200s (waitUntil); wait until every key is ready.
  const deadline = Date.now() + 60_000;
  let ready = 0;
  while (Date.now() < deadline) {
    const states = await Promise.all(
      buyers.map(
        async (b) =>
          (
            await json<{ key: { status: string; capGb: number } }>(
              await shop(`/api/orders/${b.sessionIds[0]}`, { cookie: b.cookie }),
              'order',
            )
          ).key,
      ),
    );
    ready = states.filter((k) => k.status === 'ready' && k.capGb === 11).length;
    if (ready === buyers.length) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const purchases = (
    await Promise.all(
      buyers.map(async (b) => {
        const { purchases: list } = await json<{ purchases: { status: string }[] }>(
          await shop('/api/purchases', { cookie: b.cookie }),
          'purchases',
        );
        return list.filter((p) => p.status === 'paid').length;
      }),
    )
  ).reduce((a, b) => a + b, 0);
  const mints = (await mintCount()) - mintsBefore;

  const tally = (key: (a: { status: number; result: string }) => string) =>
    answers.reduce<Record<string, number>>((acc, a) => {
      acc[key(a)] = (acc[key(a)] ?? 0) + 1;
      return acc;
    }, {});
  const result = {
    deliveries: deliveries.length,
    events: eventIds.length,
    seconds: Math.round(seconds * 1000) / 1000,
    deliveriesPerSecond: Math.round(deliveries.length / seconds),
    statuses: tally((a) => String(a.status)),
    results: tally((a) => a.result),
    purchasesRecorded: purchases,
    purchasesGoal: eventIds.length,
    upstreamMints: mints,
    mintsGoal: CUSTOMERS,
    keysReady: ready,
  };
  console.log(`
  deliveries/s        ${result.deliveriesPerSecond}  (${result.deliveries} in ${result.seconds} s; HTTP ${JSON.stringify(result.statuses)}; ${JSON.stringify(result.results)})
  purchases recorded  ${purchases}  (goal exactly ${eventIds.length})
  upstream mints      ${mints}  (goal ${CUSTOMERS}, one per new customer)
  keys ready          ${ready}/${CUSTOMERS}  (cap 11 GB = starter + pro)
`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/webhooks.json',
    `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  const ok =
    purchases === eventIds.length &&
    mints === CUSTOMERS &&
    ready === CUSTOMERS &&
    (result.statuses['200'] ?? 0) === deliveries.length;
  process.exitCode = ok ? 0 : 1;
} finally {
  // The held copies were posted above; drop them rather than deliver them a second time.
  await simPost('/_sim/stripe/release', { order: 'drop' });
}
