// Debian's Chromium for every tool that drives a browser (browser tests, the audit, the icons): one path, never a
// downloaded browser. CHROMIUM_PATH points elsewhere.
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium (`apt-get install -y chromium`). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium through Playwright, headless, sandbox off (containers), with `args` added to the defaults. */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', ...args] });
}
