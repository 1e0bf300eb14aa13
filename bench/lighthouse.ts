// Lighthouse (simulated throttling, its defaults) against one page, mobile or desktop, with Debian's Chromium, signed
// in (or not) through the browser's own cookie store, as a visitor's browser would be.
import { type LaunchedChrome, launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromiumPath } from '../devkit/browser.ts';

export type FormFactor = 'mobile' | 'desktop';

export interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcpMs: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  /** Audits below full marks outside performance (why a score is under 100), e.g. `errors-in-console`. */
  failing: string[];
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** A cookie of the browser's store, as CDP's `Storage.setCookies` and `Network.setCookies` take it. */
export interface BrowserCookie {
  name: string;
  value: string;
  /** The page it belongs to (a host-only cookie of that origin, path `/`, as `__Host-` cookies must be). */
  url: string;
  secure: true;
  httpOnly: true;
  sameSite: 'Lax';
}

/**
 * The shop's session as the browser would hold it, from a `name=value` pair of its Set-Cookie (devkit/shop-client.ts
 * signIn). In the browser's store, not an extra header: a page that sets a cookie of its own (the D1 bookmark) must
 * not drop it from the page's requests.
 */
export function browserCookies(pair: string, shop: string): BrowserCookie[] {
  const split = pair.indexOf('=');
  return [
    {
      name: pair.slice(0, split),
      value: pair.slice(split + 1),
      url: shop,
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ];
}

/** One command to the browser itself (its DevTools endpoint), answered. */
async function browserCommand(chrome: LaunchedChrome, method: string, params: object = {}): Promise<void> {
  const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const socket = new WebSocket(version.webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    await new Promise<void>((resolve, reject) => {
      socket.onmessage = (event) => {
        const answer = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
        if (answer.id !== 1) return;
        if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
        else resolve();
      };
      socket.send(JSON.stringify({ id: 1, method, params }));
    });
  } finally {
    socket.close();
  }
}

/** The browser's cookies become exactly `cookies` (none: a signed-out visitor). */
export async function setBrowserCookies(chrome: LaunchedChrome, cookies: BrowserCookie[] = []): Promise<void> {
  await browserCommand(chrome, 'Storage.clearCookies');
  if (cookies.length) await browserCommand(chrome, 'Storage.setCookies', { cookies });
}

export function startChrome(): Promise<LaunchedChrome> {
  return launch({
    chromePath: process.env.CHROME_PATH ?? chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
}

/** One Lighthouse run, with the browser's cookies as they are (setBrowserCookies). A run that fails to record the page
 * (Lighthouse's own runtime errors, such as NO_NAVSTART) is tried again, twice. */
export async function runLighthouse(chrome: LaunchedChrome, url: string, form: FormFactor): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(chrome, url, form);
    } catch (err) {
      if (!(err instanceof LighthouseRuntimeError) || attempt === 3) throw err;
      console.warn(`  ${err.message}; running it again`);
    }
  }
}

class LighthouseRuntimeError extends Error {}

async function lighthouseOnce(chrome: LaunchedChrome, url: string, form: FormFactor): Promise<LighthouseRun> {
  const result = await lighthouse(
    url,
    { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
    form === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) throw new LighthouseRuntimeError(`Lighthouse on ${url}: ${runtimeError.code}`);
  const score = (id: (typeof CATEGORIES)[number]) => Math.round((categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const failing = CATEGORIES.filter((id) => id !== 'performance').flatMap((id) =>
    (categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id),
  );
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    cls: numeric('cumulative-layout-shift'),
    tbtMs: numeric('total-blocking-time'),
    failing,
  };
}

/** The run with the median performance score (Lighthouse's own advice for noisy machines). */
export function medianRun(runs: LighthouseRun[]): LighthouseRun {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.fcpMs - b.fcpMs);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error('no Lighthouse run to take the median of');
  return median;
}
