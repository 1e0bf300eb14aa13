// A German visitor's journey in a real browser, in German and in euros from the landing page to the receipt: /de/ →
// sign-in (a German mail) → Checkout opened in German and EUR → the dashboard in German → a German receipt → signed out
// to the German home. And a Chinese landing page, its plans by their Chinese names, that fits a 360 px phone; and the
// dashboard on a phone in every other language, each choice of its URL builder whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from '../devkit/axe.ts';
import type { ReceivedRequest } from '../devkit/sim-controls.ts';
import {
  assertCleanOnPhone,
  buyOnCheckout,
  mailArrived,
  openPage,
  SHOP,
  SIM,
  signInLink,
  signInMails,
  signInOnPage,
  simJson,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

const errors: string[] = [];
const EMAIL = 'hanna.world@example.de';

const { browser } = withShopAndBrowser();

/** The URL builder's choices that name a pool, a country or a rotation: shortened where a language's words are long,
 * so every option must fit a phone's select, not only the default. */
const BUILDER_CHOICES = '#b-pool, #b-country, #b-rot';

test('a German visitor buys in German and euros, and gets a German dashboard and receipt', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop, locale: 'de-DE' });
  const page = await openPage(context, errors);

  // `/` offers German to a German browser without leaving `/`; the offer leads to /de/.
  await page.goto(SHOP);
  await page.getByRole('link', { name: 'Auf Deutsch lesen' }).click();
  await page.waitForURL(`${SHOP}/de/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.getByRole('heading', { level: 2, name: 'Preise' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on /de/');
  await assertCleanOnPhone(page, 'the German landing page', 'world-1-landing-de-mobile');

  // Euros, chosen with the footer's switcher.
  await page.locator('summary', { hasText: 'USD' }).click();
  await page.getByRole('link', { name: /^EUR · Euro/ }).click();
  await page.getByText('64,00 €').first().waitFor();

  // Buy Pro: signed out, the shop asks for an email first, in German.
  await page.getByRole('link', { name: 'Pro kaufen', exact: true }).click();
  await page.waitForURL(/\/de\/signin\?next=%2Fcheckout%2Fpro/);
  const seen = (await signInMails(EMAIL)).length;
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByRole('button', { name: 'Anmeldelink per E-Mail senden' }).click();
  await page.getByRole('heading', { name: 'Sieh in dein Postfach' }).waitFor();
  const [login] = await mailArrived(EMAIL, /^Dein Anmeldelink/);
  assert.ok(login, 'the sign-in mail is in German');

  // The link confirms in German and resumes the checkout in euros, on Stripe's page in German.
  await page.goto(await signInLink(EMAIL, seen));
  await page.getByRole('button', { name: `Weiter als ${EMAIL}` }).click();
  await page.waitForURL(`${SIM}/stripe/checkout/**`);
  const created = (await simJson<ReceivedRequest[]>('/_sim/stripe/requests')).findLast(
    (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
  );
  assert.partialDeepStrictEqual(created?.params, {
    locale: 'de',
    line_items: [{ price_data: { currency: 'eur', unit_amount: '6400' } }],
  });
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  // The dashboard speaks German: its language, its header, its account card, its usage.
  await page.waitForURL(/\/dashboard/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('button', { name: 'Abmelden' }).waitFor();
  await page.getByRole('heading', { name: 'Konto' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByLabel('Sprache der Übersicht und deiner E-Mails').inputValue(), 'de');
  // The new key's traffic, in German words and numbers.
  const traffic = page.getByRole('progressbar', { name: 'Datenvolumen' });
  await traffic.waitFor({ timeout: 30_000 });
  assert.match(
    (await traffic.getAttribute('aria-valuetext')) ?? '',
    /^[\d,]+\sGB von 10\sGB verbraucht \([\d,]+\s%\)$/,
  );
  // Its panels too: the credentials and the URL builder.
  await page.getByRole('heading', { name: 'Deine Proxy-Zugangsdaten' }).waitFor();
  await page.getByRole('heading', { name: 'Proxy-URL erstellen' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the German dashboard');
  await assertCleanOnPhone(page, 'the German dashboard', 'world-2-dashboard-de-mobile', {
    everyOptionOf: BUILDER_CHOICES,
  });

  // The receipt, in German and in euros.
  const mails = await mailArrived(EMAIL, /^Dein Kauf bei/);
  const receipt = mails.find((m) => m.subject.startsWith('Dein Kauf bei'));
  assert.match(receipt?.text ?? '', /64,00\s€ bezahlt am \d{2}\.\d{2}\.\d{4}/);

  // Signing out returns to the shop's German home, not the English one.
  await page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('button', { name: 'Abmelden' }).click();
  await page.waitForURL(`${SHOP}/de/`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Chinese landing page fits a 360 px phone', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const page = await openPage(context, errors);
  await page.goto(`${SHOP}/zh-cn/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.getByRole('heading', { level: 2, name: '价格' }).waitFor();
  // The plans by the names the shop gave them in Chinese (content/zh-cn/shop.json).
  await page.getByRole('heading', { name: '专业版' }).first().waitFor();
  await assertCleanOnPhone(page, 'the Chinese landing page', 'world-3-landing-zh-mobile');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the dashboard fits a 360 px phone in every language, every choice of the URL builder whole', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const page = await openPage(context, errors);
  await signInOnPage(page, 'ines.world@example.es', '/dashboard');
  await buyOnCheckout(page, 'starter');
  /** The page at 360 px, once the countries show their devices online (the longest words a choice holds). */
  const fitsPhone = async (locale: string) => {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#b-country option')].some((option) => /\d/.test(option.textContent ?? '')),
    );
    await assertCleanOnPhone(page, `the dashboard in ${locale}`, `world-4-dashboard-${locale}-mobile`, {
      everyOptionOf: BUILDER_CHOICES,
    });
  };
  await fitsPhone('en');
  for (const [locale, lang] of [
    ['es', 'es'],
    ['pt-br', 'pt-BR'],
    ['fr', 'fr'],
    ['ru', 'ru'],
    ['zh-cn', 'zh-CN'],
  ] as const) {
    // Chosen as a customer does, in the account card: the page loads again in that language.
    await Promise.all([page.waitForEvent('load'), page.selectOption('#account-language', locale)]);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await fitsPhone(locale);
  }
  // The purchase by the plan's Chinese name (content/zh-cn/shop.json), as its receipt names it.
  await page
    .locator('section[aria-labelledby="purchases-title"]')
    .getByRole('cell', { name: /入门版 · 1\sGB/ })
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
