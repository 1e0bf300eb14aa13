// `npm run audit`: Lighthouse and axe-core on the landing, sign-in, dashboard (signed in, with a key) and console
// pages, mobile and desktop, against its own `npm run dev` (fresh state; AUDIT_PORT / AUDIT_SIM_PORT, default
// 8857 / 8860). Prints one table, writes it to bench/results/audit.md, and exits 1 when a page misses the bar:
// every Lighthouse category ≥ 98 on mobile and 100 on desktop, CLS 0, no axe violation.
// `-- --runs N` takes the median of N Lighthouse runs per page and form factor (default 3; `--quick` is 1);
// `-- --page console` audits only the pages named (landing, sign-in, dashboard, console; repeatable).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { axeViolations } from '../e2e/axe.ts';
import { startLocalShop } from '../scripts/local-shop.ts';
import { type FormFactor, type LighthouseRun, medianRun, runLighthouse, startChrome } from './lighthouse.ts';
import { json, type ShopTarget, shopFetch, signIn, simPost } from './shop-client.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    page: { type: 'string', multiple: true },
  },
});
const RUNS = args.quick ? 1 : Math.max(1, Number(args.runs));
const SHOP_PORT = Number(process.env.AUDIT_PORT ?? 8857);
const SIM_PORT = Number(process.env.AUDIT_SIM_PORT ?? 8860);
const MIN_SCORE: Record<FormFactor, number> = { mobile: 98, desktop: 100 };
const VIEWPORTS: Record<FormFactor, { width: number; height: number }> = {
  mobile: { width: 360, height: 740 },
  desktop: { width: 1280, height: 900 },
};

interface AuditedPage {
  name: string;
  path: string;
  cookie?: string;
  /** Text that is on the page once its data has arrived. */
  ready: string;
}

/** A customer with a paid, working key: signs in, buys the Starter tier on the simulated Checkout, waits for the key. */
async function payingCustomer(target: ShopTarget): Promise<string> {
  const cookie = await signIn(target, 'audit-customer@example.com', '203.0.113.21');
  const { url } = await json<{ url: string }>(
    await shopFetch(target, '/api/checkout', { json: { tierId: 'starter' }, cookie }),
    'checkout',
  );
  await json(await simPost(target, `/_sim/stripe/sessions/${new URL(url).pathname.split('/').pop()}/pay`), 'pay');
  for (let i = 0; i < 200; i++) {
    const account = await json<{ key: { status: string } }>(
      await shopFetch(target, '/api/account', { cookie }),
      'account',
    );
    if (account.key.status === 'active') return cookie;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the audit customer’s key never became active');
}

async function axeOn(target: ShopTarget, page: AuditedPage, form: FormFactor): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({
      viewport: VIEWPORTS[form],
      ...(page.cookie ? { extraHTTPHeaders: { cookie: page.cookie } } : {}),
    });
    const tab = await context.newPage();
    await tab.goto(`${target.shop}${page.path}`, { waitUntil: 'networkidle' });
    await tab.getByText(page.ready, { exact: false }).first().waitFor();
    return await axeViolations(tab);
  } finally {
    await browser.close();
  }
}

interface Row {
  page: string;
  form: FormFactor;
  lighthouse: LighthouseRun;
  axe: string[];
  ok: boolean;
}

const target: ShopTarget = { shop: `http://localhost:${SHOP_PORT}`, sim: `http://127.0.0.1:${SIM_PORT}` };
const started = Date.now();
console.log(`▸ starting the local shop on ${target.shop}`);
const local = await startLocalShop(SHOP_PORT, SIM_PORT);
const rows: Row[] = [];
try {
  console.log('▸ signing in a paying customer and an operator');
  const customer = await payingCustomer(target);
  const operator = await signIn(target, 'admin@example.com', '203.0.113.22');
  const pages: AuditedPage[] = [
    { name: 'landing', path: '/', ready: 'mobile online' },
    { name: 'sign-in', path: '/signin', ready: 'Email address' },
    { name: 'dashboard', path: '/dashboard', cookie: customer, ready: 'Your proxy credentials' },
    { name: 'console', path: '/admin', cookie: operator, ready: 'Paying customers' },
  ];
  const chosen = pages.filter((p) => !args.page || args.page.includes(p.name));
  if (chosen.length === 0)
    throw new Error(`no such page: ${args.page?.join(', ')} (${pages.map((p) => p.name).join(', ')})`);
  const chrome = await startChrome();
  try {
    for (const page of chosen)
      for (const form of ['mobile', 'desktop'] as const) {
        console.log(`▸ ${page.name} (${form}): Lighthouse ×${RUNS}, axe-core at ${VIEWPORTS[form].width} px`);
        const runs: LighthouseRun[] = [];
        for (let i = 0; i < RUNS; i++)
          runs.push(await runLighthouse(chrome, `${target.shop}${page.path}`, form, page.cookie));
        const lighthouse = medianRun(runs);
        const axe = await axeOn(target, page, form);
        const scores = [lighthouse.performance, lighthouse.accessibility, lighthouse.bestPractices, lighthouse.seo];
        const ok = scores.every((s) => s >= MIN_SCORE[form]) && lighthouse.cls === 0 && axe.length === 0;
        rows.push({ page: page.name, form, lighthouse, axe, ok });
      }
  } finally {
    chrome.kill();
  }
} finally {
  await local.stop();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const table = [
  `Audit — ${new Date().toISOString()} — Lighthouse 13.5 (simulated throttling, median of ${RUNS}), axe-core 4.14 — ` +
    `${Math.round((Date.now() - started) / 1000)} s`,
  '',
  '| page | form | perf | a11y | best pr. | SEO | FCP | LCP | CLS | TBT | axe | below the bar |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows
    .map(({ page, form, lighthouse: l, axe, ok }) =>
      [
        page,
        form,
        l.performance,
        l.accessibility,
        l.bestPractices,
        l.seo,
        seconds(l.fcpMs),
        seconds(l.lcpMs),
        l.cls.toFixed(3),
        `${Math.round(l.tbtMs)} ms`,
        axe.length,
        ok ? '✓' : `✗ ${l.failing.join(', ')}`,
      ].join(' | '),
    )
    .map((line) => `| ${line} |`),
  '',
  `Bar: every category ≥ ${MIN_SCORE.mobile} (mobile) and ${MIN_SCORE.desktop} (desktop), CLS 0, no axe violation.`,
].join('\n');
const violations = rows.flatMap((r) => r.axe.map((v) => `- ${r.page} (${r.form}): ${v}`));
console.log(`\n${table}\n${violations.length ? `\naxe violations:\n${violations.join('\n')}\n` : ''}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/audit.md', `${table}\n${violations.join('\n')}\n`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
