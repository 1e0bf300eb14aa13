// Browser tests drive the real `npm run dev` (shop + simulators, fresh local state) with Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../devkit/axe.ts';
import { launchChromium } from '../devkit/browser.ts';
import { type RunningShop, startLocalShop } from '../devkit/local-shop.ts';
import { e2ePorts } from '../devkit/ports.ts';
import { until, waitFor } from '../devkit/until.ts';

const PORTS = e2ePorts();
/** `localhost`, as a customer's browser opens a local shop: a secure context for the session cookie. */
export const SHOP = `http://localhost:${PORTS.shop}`;
export const SIM = `http://127.0.0.1:${PORTS.sim}`;
export const ARTIFACTS = 'test-results/e2e';
export type { RunningShop };

/** `npm run dev` on the e2e ports with an empty D1/KV/Queue state folder. */
export function startShop(): Promise<RunningShop> {
  return startLocalShop(PORTS);
}

/**
 * Starts the shop and Chromium before this file's tests (then runs the file's `setup`, if any) and stops both
 * after them. One hook for all of it: node:test runs a file's top-level `before` hooks concurrently.
 */
export function withShopAndBrowser(setup?: (browser: Browser) => Promise<void>): {
  browser: () => Browser;
  shop: () => RunningShop;
} {
  let shop: RunningShop | undefined;
  let browser: Browser | undefined;
  before(async () => {
    shop = await startShop();
    browser = await launchBrowser();
    await setup?.(browser);
  });
  after(async () => {
    await browser?.close();
    await shop?.stop();
  });
  return { browser: () => browser!, shop: () => shop! };
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium([
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ]);
}

export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, mobile: { width: 360, height: 740 } } as const;

/**
 * A page that collects script errors and console errors (CSP violations among them). Chromium's own
 * "Failed to load resource" lines are left out: an API's 4xx (401 while signed out) is an answer, not a fault.
 */
export async function openPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return page;
}

/** How far the page scrolls sideways, in px (0 when it fits its viewport). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Text of the page's tables, credentials and proxy URL that runs out of its box, or wraps inside a word that would
 * fit on a line of its own (a word is a run of non-space characters within one text node: long tokens wrap between
 * nodes at their <wbr> points; only a random id longer than the whole line may wrap where the line ends).
 */
export function brokenText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>('td, th, .cred .value, .url')) {
      // Hidden, or only for screen readers (a stacked table's header row).
      if (box.offsetParent === null || box.getBoundingClientRect().width <= 1) continue;
      if (box.scrollWidth > box.clientWidth + 1)
        problems.push(`overflows its box (${box.scrollWidth} > ${box.clientWidth} px): ${box.innerText.slice(0, 60)}`);
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const lines = new Set(rects.map((r) => Math.round(r.top)));
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          const line = node.parentElement?.closest('.cell, .value, .url, td, th')?.clientWidth ?? box.clientWidth;
          if (lines.size > 1 && width <= line) problems.push(`"${word[0]}" wraps inside the word`);
        }
      }
    }
    return problems;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * The page at 360 px (screenshot `name`), then back at desktop width: nothing scrolls sideways, no text runs out of
 * its box or wraps inside a word, and axe finds nothing.
 */
export async function assertCleanOnPhone(page: Page, what: string, name: string): Promise<void> {
  await page.setViewportSize(VIEWPORTS.mobile);
  assert.equal(await sidewaysScroll(page), 0, `no horizontal scrolling at 360 px on ${what}`);
  assert.deepEqual(await brokenText(page), [], `text at 360 px on ${what}`);
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at 360 px`);
  await screenshot(page, name);
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** A simulator control's JSON answer (see README "Simulators"). */
export async function simJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${SIM}${path}`, init);
  assert.ok(res.ok, `simulator ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** The mails to `to` once one whose subject matches has arrived (the queue batches and retries: up to 30 s). */
export function mailArrived(to: string, subject: RegExp): Promise<{ subject: string; text: string }[]> {
  return until(
    () => simJson<{ subject: string; text: string }[]>(`/_sim/outbox?to=${encodeURIComponent(to)}`),
    (mails) => mails.some((m) => subject.test(m.subject)),
    { timeoutMs: 30_000, intervalMs: 100, what: `a mail "${subject.source}" for ${to}` },
  );
}

const SIGN_IN_LINK = /(https?:\/\/\S+\/auth\/verify#token=[A-Za-z0-9_-]+)/;

/** Sign-in links mailed to `to` so far, oldest first (receipts left out). */
export async function signInMails(to: string): Promise<string[]> {
  const mails = await simJson<{ text: string }[]>(`/_sim/outbox?to=${encodeURIComponent(to)}`);
  return mails.map((m) => SIGN_IN_LINK.exec(m.text)?.[1]).filter((link): link is string => Boolean(link));
}

/** The newest sign-in link mailed to `to`, once more than `seen` have arrived. */
export function signInLink(to: string, seen: number): Promise<string> {
  return waitFor(async () => (await signInMails(to)).slice(seen).at(-1), {
    intervalMs: 100,
    what: `a sign-in mail for ${to}`,
  });
}

/** Signs `email` in on `page` through the sign-in form and the emailed link, and lands on `next`. */
export async function signInOnPage(page: Page, email: string, next: string): Promise<void> {
  const seen = (await signInMails(email)).length;
  await page.goto(`${SHOP}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: /email me|send|sign in/i }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await page.goto(await signInLink(email, seen));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** Buys `tierId` on the simulated Checkout and waits for the dashboard to show the credentials. */
export async function buyOnCheckout(page: Page, tierId: string): Promise<void> {
  await page.goto(`${SHOP}/checkout/${tierId}`);
  await page.waitForURL(`${SIM}/stripe/checkout/**`);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL(/\/dashboard/);
  await page.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
}
