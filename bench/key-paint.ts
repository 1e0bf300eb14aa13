// When the dashboard first paints the customer's key: the Element Timing API's render time of the key
// (`elementtiming="key"`, web/src/dashboard/Credentials.tsx), from the navigation's start, in Chromium with the network
// and CPU of Lighthouse's mobile run applied (its `mobileSlow4G` preset as DevTools applies it: 562.5 ms request
// latency, 1,474.6 kbit/s down, 675 kbit/s up, the CPU 4× slower; lighthouse/core/lib/lantern constants).
import type { Page } from 'playwright-core';

const MOBILE_SLOW_4G = { latencyMs: 150 * 3.75, downKbps: 1.6 * 1024 * 0.9, upKbps: 750 * 0.9, cpuSlowdown: 4 };

interface ElementTiming extends PerformanceEntry {
  identifier: string;
  renderTime: number;
}

/** Milliseconds from the navigation's start to the key's first paint on the page at `url` (in `tab`, whose context
 * holds the customer's session); NaN when no key is painted within `timeoutMs`. */
export async function keyPaintMs(tab: Page, url: string, timeoutMs = 30_000): Promise<number> {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: MOBILE_SLOW_4G.latencyMs,
    downloadThroughput: (MOBILE_SLOW_4G.downKbps * 1024) / 8,
    uploadThroughput: (MOBILE_SLOW_4G.upKbps * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_SLOW_4G.cpuSlowdown });
  await tab.goto(url);
  return await tab.evaluate(
    (wait) =>
      new Promise<number>((resolve) => {
        setTimeout(() => resolve(Number.NaN), wait);
        new PerformanceObserver((list) => {
          const key = (list.getEntries() as ElementTiming[]).find((entry) => entry.identifier === 'key');
          if (key) resolve(key.renderTime);
        }).observe({ type: 'element', buffered: true });
      }),
    timeoutMs,
  );
}
