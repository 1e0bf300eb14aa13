// Browser tests drive the real `npm run dev` (shop + simulators, fresh local state) with Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

/** `npm run dev` on the e2e ports with an empty D1/KV/Queue state folder; `vars` replace wrangler.toml's. */
export function startShop(vars: Record<string, string> = {}): Promise<RunningShop> {
  return startLocalShop(PORTS, { DEV_VARS: JSON.stringify(vars) });
}

/**
 * Starts the shop (with `vars` in place of wrangler.toml's, if any) and Chromium before this file's tests (then runs the
 * file's `setup`, if any) and stops both after them. One hook for all of it: node:test runs a file's top-level `before` hooks concurrently.
 */
export function withShopAndBrowser(
  setup?: (browser: Browser) => Promise<void>,
  vars: Record<string, string> = {},
): {
  browser: () => Browser;
  shop: () => RunningShop;
} {
  let shop: RunningShop | undefined;
  let browser: Browser | undefined;
  before(async () => {
    shop = await startShop(vars);
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
 * Text on the page (its open dialogs included) that a reader cannot read whole: text cut off by its box (an
 * ellipsis, hidden overflow; a box that names its whole text in `title` may shorten it), text running out of its box,
 * a word wrapped inside itself although it would fit on a line of its own (a word is a run of characters within one
 * text node between spaces, hyphens and slashes: long tokens wrap between nodes at their <wbr> points; only a piece
 * longer than the whole line may wrap where the line ends), and a select too narrow for the option it shows (or, for
 * the selects `everyOptionOf` matches, for any option the visitor may choose).
 */
export function brokenText(page: Page, { everyOptionOf = '' }: CleanOptions = {}): Promise<string[]> {
  return page.evaluate((everyOptionOf) => {
    const problems: string[] = [];
    const hidden = new Map<Element, boolean>();
    /** Not on screen for a reader: not rendered, or only for screen readers (clipped to nothing). */
    const unseen = (element: Element | null): boolean => {
      if (!element || element === document.body) return false;
      const known = hidden.get(element);
      if (known !== undefined) return known;
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      const gone =
        style.display === 'none' ||
        style.visibility === 'hidden' ||
        (style.clipPath !== 'none' && style.clipPath !== '') ||
        (style.display !== 'contents' && rect.width <= 1 && rect.height <= 1) ||
        element.closest('details:not([open]) > :not(summary)') !== null ||
        unseen(element.parentElement);
      hidden.set(element, gone);
      return gone;
    };
    const blockOf = (element: Element): HTMLElement => {
      let at: Element | null = element;
      while (at && getComputedStyle(at).display.startsWith('inline') && at.parentElement) at = at.parentElement;
      return (at ?? document.body) as HTMLElement;
    };
    const contentWidth = (box: HTMLElement) => {
      const style = getComputedStyle(box);
      return box.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    };
    const what = (el: Element) => (el as HTMLElement).innerText?.replace(/\s+/g, ' ').slice(0, 60) ?? '';

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const boxes = new Set<HTMLElement>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || unseen(parent) || parent.closest('svg, option, script, style'))
        continue;
      const box = blockOf(parent);
      boxes.add(box);
      const line = contentWidth(box);
      // A word is what a line must not break inside. Chinese (and Japanese) lines break between any two characters,
      // so their ideographs and punctuation split words rather than make them.
      for (const word of node.textContent.matchAll(
        /[^\s\-\u2010-\u2014/\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+[-\u2010-\u2014/]?/g,
      )) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && width <= line + 1) problems.push(`"${word[0]}" wraps inside the word`);
      }
    }
    for (const box of boxes) {
      if (box.scrollWidth <= box.clientWidth + 1) continue;
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'visible')
        problems.push(`runs out of its box (${box.scrollWidth} > ${box.clientWidth} px): ${what(box)}`);
      else if ((overflow === 'hidden' || overflow === 'clip') && !box.closest('[title]'))
        problems.push(`cut off (${box.scrollWidth} > ${box.clientWidth} px): ${what(box)}`);
    }
    const canvas = document.createElement('canvas').getContext('2d');
    for (const select of document.querySelectorAll('select')) {
      if (unseen(select) || !canvas) continue;
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const shown =
        everyOptionOf && select.matches(everyOptionOf)
          ? [...select.options].filter((option) => !option.disabled)
          : [...select.selectedOptions];
      // The arrow takes about 20 px of the box beside the text.
      for (const { text } of shown)
        if (canvas.measureText(text).width > contentWidth(select) - 20)
          problems.push(`the select cuts its option: "${text}"`);
    }
    for (const dialog of document.querySelectorAll('dialog[open]')) {
      const rect = dialog.getBoundingClientRect();
      if (rect.left < 0 || rect.right > document.documentElement.clientWidth + 1)
        problems.push(`the dialog runs out of the screen: ${what(dialog)}`);
    }
    return problems;
  }, everyOptionOf);
}

export interface CleanOptions {
  /** Selects (a CSS selector) whose every option must fit, not only the one shown. */
  everyOptionOf?: string;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The page as it is now: nothing scrolls sideways, no text breaks (brokenText), and axe finds nothing; `name`.png. */
export async function assertClean(page: Page, what: string, name: string, options?: CleanOptions): Promise<void> {
  const width = page.viewportSize()?.width;
  assert.equal(await sidewaysScroll(page), 0, `no horizontal scrolling at ${width} px on ${what}`);
  assert.deepEqual(await brokenText(page, options), [], `text at ${width} px on ${what}`);
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at ${width} px`);
  await screenshot(page, name);
}

/** The page at 360 px, as assertClean checks it, then back at desktop width. */
export async function assertCleanOnPhone(
  page: Page,
  what: string,
  name: string,
  options?: CleanOptions,
): Promise<void> {
  await page.setViewportSize(VIEWPORTS.mobile);
  await assertClean(page, what, name, options);
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Loads `url` until `what` shows: the Stripe simulator's webhook reaches the shop a moment after the action. */
export async function reloadUntil(page: Page, url: string, what: (page: Page) => Locator): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(url);
    if (
      await what(page)
        .waitFor({ timeout: 500 })
        .then(
          () => true,
          () => false,
        )
    )
      return;
  }
  throw new Error(`${url} never showed what was expected`);
}

/** Fires the shop's cron as Cloudflare would (`wrangler dev --test-scheduled`); answers once the jobs are done. */
export async function fireCron(): Promise<void> {
  const res = await fetch(`${SHOP}/__scheduled?cron=*/5+*+*+*+*`);
  assert.equal(res.status, 200, await res.text());
}

/** A simulator control's JSON answer (see README "Simulators"). */
export async function simJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${SIM}${path}`, init);
  assert.ok(res.ok, `simulator ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** POSTs `body` as JSON to a simulator control; its JSON answer. */
export const simPost = <T>(path: string, body: unknown): Promise<T> =>
  simJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A key as the Proxies.sx simulator lists it. */
export interface SimKey {
  id: string;
  key: string;
  label: string;
  trafficCapGB: number;
  enabled: boolean;
}

/** The simulator's key of the customer who bought last. */
export async function newestKey(): Promise<SimKey> {
  return (await simJson<SimKey[]>('/_sim/proxies/keys')).at(-1)!;
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

/**
 * Finishes turning auto top-up on from the dashboard's "Never run dry" `panel`: the first purchase saves the card for
 * the ones the cron makes, paid on the simulated Checkout, and the panel then says auto top-up is on.
 */
export async function saveCardForAutoTopUp(page: Page, panel: Locator): Promise<void> {
  await panel.getByRole('link', { name: 'Buy now and save your card' }).click();
  await page.waitForURL(`${SIM}/stripe/checkout/**`);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL(/\/dashboard/);
  await panel.getByText('Auto top-up is on. Charged this month').waitFor({ timeout: 20_000 });
}
