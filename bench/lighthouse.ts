// Lighthouse (simulated throttling, its defaults) against one page, mobile or desktop, with Debian's Chromium.
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

export function startChrome(): Promise<LaunchedChrome> {
  return launch({
    chromePath: process.env.CHROME_PATH ?? chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
}

/** One Lighthouse run; `cookie` signs the page in (sent as a header with every request, like a browser would). A run
 * that fails to record the page (Lighthouse's own runtime errors, such as NO_NAVSTART) is tried again, twice. */
export async function runLighthouse(
  chrome: LaunchedChrome,
  url: string,
  form: FormFactor,
  cookie?: string,
): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(chrome, url, form, cookie);
    } catch (err) {
      if (!(err instanceof LighthouseRuntimeError) || attempt === 3) throw err;
      console.warn(`  ${err.message}; running it again`);
    }
  }
}

class LighthouseRuntimeError extends Error {}

async function lighthouseOnce(
  chrome: LaunchedChrome,
  url: string,
  form: FormFactor,
  cookie?: string,
): Promise<LighthouseRun> {
  const result = await lighthouse(
    url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    },
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
