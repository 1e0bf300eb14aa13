// A customer who shops in German: the sign-in asked from a German page mails in German and remembers the language,
// Checkout opens in German, the receipt comes in German, and the dashboard can change the language of both.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { unsubscribeLinks } from '../../src/reminders/index.ts';
import {
  buy,
  call,
  customerIdOf,
  type ReceivedRequest,
  requestLoginMail,
  sessionCookieFrom,
  sim,
  startCheckout,
  testIp,
  tokenFromMail,
  waitForMailAbout,
} from '../support/index.ts';

const localeOf = async (email: string) =>
  (await env.DB.prepare('select locale from customers where email = ?').bind(email).first<{ locale: string | null }>())
    ?.locale;

async function signInFrom(email: string, locale: string): Promise<string> {
  const mail = await requestLoginMail(email, { locale });
  const res = await call('/api/auth/verify', { json: { token: tokenFromMail(mail) } });
  expect(res.status).toBe(200);
  return sessionCookieFrom(res) ?? '';
}

describe('a sign-in asked from a page in another language', () => {
  it('sends the link in that language, through that language’s address', async () => {
    const mail = await requestLoginMail('hanna@example.de', { locale: 'de' });
    expect(mail.subject).toBe('Dein Anmeldelink für Acme Mobile Proxies');
    expect(mail.text).toContain('Der Link funktioniert einmal und läuft in 15 Minuten ab (um ');
    expect(mail.text).toMatch(/https:\/\/shop\.test\/de\/auth\/verify#token=/);
    expect(mail.html).toMatch(/^<!doctype html><html lang="de">/);
  });

  it('answers the request in that language, else in the browser’s', async () => {
    const answer = (json: object, headers: Record<string, string> = {}) =>
      call('/api/auth/request', { json, headers: { 'cf-connecting-ip': testIp(), ...headers } }).then((r) => r.json());
    expect(await answer({ email: 'greta@example.de', locale: 'de' })).toEqual({
      status: 'sent',
      message:
        'Sieh in dein Postfach: Ein Anmeldelink ist unterwegs. Er funktioniert einmal und läuft in 15 Minuten ab.',
    });
    expect(await answer({ email: 'luc@example.fr' }, { 'accept-language': 'fr-CA,fr;q=0.9' })).toMatchObject({
      message: expect.stringMatching(/^Consultez votre boîte de réception/),
    });
  });

  it('makes it the customer’s language, for the app (a cookie) and for their mail (their row)', async () => {
    const email = 'lena@example.de';
    const mail = await requestLoginMail(email, { locale: 'de' });
    const res = await call('/api/auth/verify', { json: { token: tokenFromMail(mail) } });
    expect(res.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^shop_locale=de;/));
    expect(await localeOf(email)).toBe('de');
  });

  it('writes a customer’s later mail in their language when the request names none (an operator’s resend)', async () => {
    const email = 'ana@example.es';
    await signInFrom(email, 'es');
    const resend = await requestLoginMail(email);
    expect(resend.subject).toBe('Tu enlace de acceso a Acme Mobile Proxies');
  });

  it('refuses a language the shop does not ship, and ignores one it does not speak', async () => {
    const res = await call('/api/auth/request', { json: { email: 'x@example.com', locale: 'xx' } });
    expect(res.status).toBe(400);
    const mail = await requestLoginMail('yuki@example.jp', { locale: 'fr' }, {
      ...env,
      LOCALES: 'en,de',
    } as unknown as Env);
    expect(mail.subject).toBe('Your sign-in link for Acme Mobile Proxies');
  });
});

describe('a German customer buying', () => {
  it('gets Checkout in German and the receipt in German, money and dates as Germans write them', async () => {
    const email = 'jonas@example.de';
    const cookie = await signInFrom(email, 'de');
    const sessionId = await buy(cookie, 'pro');
    const created = (await sim<ReceivedRequest[]>('/_sim/stripe/requests')).findLast(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    );
    expect(created?.params).toMatchObject({
      locale: 'de',
      cancel_url: 'https://shop.test/de/#pricing',
      line_items: [
        { price_data: { product_data: { description: '10\u00a0GB mobiler Proxy-Traffic, gültig für 30 Tage' } } },
      ],
    });
    expect(sessionId).toMatch(/^cs_test_/);
    const receipt = await waitForMailAbout(email, /^Dein Kauf bei/);
    expect(receipt.subject).toBe('Dein Kauf bei Acme Mobile Proxies: Pro (10\u00a0GB)');
    expect(receipt.text).toMatch(/69,00\s\$ bezahlt am \d{2}\.\d{2}\.\d{4}/);
  });
});

describe('a Chinese customer buying', () => {
  it('gets the plan by its name in Chinese on Checkout and on the receipt (content/zh-cn/shop.json)', async () => {
    const email = 'li@example.cn';
    const cookie = await signInFrom(email, 'zh-cn');
    await buy(cookie, 'pro');
    const created = (await sim<ReceivedRequest[]>('/_sim/stripe/requests')).findLast(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    );
    expect(created?.params).toMatchObject({
      locale: 'zh',
      line_items: [{ price_data: { product_data: { name: 'Acme Mobile Proxies — 专业版' } } }],
    });
    const receipt = await waitForMailAbout(email, /^你在/);
    expect(receipt.subject).toBe('你在 Acme Mobile Proxies 的购买：专业版（10 GB）');
    expect(receipt.text).toContain('专业版');
  });
});

describe('the API’s refusals', () => {
  const messageOf = async (path: string, init: Parameters<typeof call>[1]) =>
    ((await (await call(path, init)).json()) as { error: { code: string; message: string } }).error;

  it('speak the language the visitor chose, else their browser’s, else the shop’s', async () => {
    const badLink = (headers: Record<string, string>, cookie?: string) =>
      messageOf('/api/auth/verify', { json: { token: 'x'.repeat(43) }, headers, cookie });
    expect(await badLink({}, 'shop_locale=de')).toEqual({
      code: 'invalid_link',
      message: 'Dieser Anmeldelink ist ungültig, abgelaufen oder schon benutzt. Fordere einen neuen an.',
      requestId: expect.any(String),
    });
    expect((await badLink({ 'accept-language': 'fr-FR,fr;q=0.9' })).message).toBe(
      'Ce lien de connexion est invalide, expiré ou déjà utilisé. Demandez-en un nouveau.',
    );
    expect((await badLink({ 'accept-language': 'ja' })).message).toBe(
      'This sign-in link is invalid, expired or already used. Ask for a new one.',
    );
    expect(await messageOf('/api/account', { cookie: 'shop_locale=ru' })).toMatchObject({
      code: 'unauthenticated',
      message: 'Пожалуйста, войдите.',
    });
  });

  it('refuse an address a person typed in their language, and the app’s own fields for its developers', async () => {
    const asked = (json: object) =>
      messageOf('/api/auth/request', { json, headers: { 'accept-language': 'de-DE', 'cf-connecting-ip': testIp() } });
    // A browser's email field lets a missing top-level domain through; the shop does not.
    expect(await asked({ email: 'hans@gmx' })).toMatchObject({
      code: 'invalid_request',
      message: 'Das sieht nicht nach einer E-Mail-Adresse aus. Prüfe sie und versuche es erneut.',
    });
    expect(await asked({ email: 'hans@gmx.de', next: 5 })).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^next: /),
    });
  });

  it('fill in what they say about the customer in their language: a plan that does not fit', async () => {
    const cookie = await signInFrom('pablo@example.es', 'es');
    const refused = await messageOf('/api/checkout', {
      json: { tierId: 'no-such-plan' },
      cookie: `${cookie}; shop_locale=es`,
    });
    expect(refused).toMatchObject({
      code: 'unknown_tier',
      message: 'Ese plan no existe. Elige uno de la tabla de precios.',
    });
  });
});

describe('the unsubscribe page', () => {
  it('asks, confirms and refuses in the customer’s language, whatever the browser asks for', async () => {
    const email = 'marie@example.fr';
    await signInFrom(email, 'fr');
    const { page, oneClick } = await unsubscribeLinks(getConfig(env), await customerIdOf(email));
    const link = new URL(page);
    const open = () =>
      call(link.pathname + link.search, { headers: { 'accept-language': 'de' } }).then((r) => r.text());
    const ask = await open();
    expect(ask).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(ask).toContain('<h1>Désactiver les rappels ?</h1>');
    // The page's links stay in French: the dashboard through the French address, which remembers the language.
    expect(ask).toContain('<a href="/fr/dashboard">votre tableau de bord</a>');
    const post = new URL(oneClick);
    const done = await call(post.pathname + post.search, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(303);
    expect(await open()).toContain('<h1>Les rappels sont désactivés</h1>');
    // A link that is not the shop's: the default language, it knows no customer.
    const broken = await call(`${link.pathname}?token=nobody.${'0'.repeat(64)}`).then((r) => r.text());
    expect(broken).toContain('<h1>This link does not work</h1>');
  });
});

describe('the dashboard’s language choice', () => {
  it('changes the language of the customer’s mail and of the app', async () => {
    const email = 'pierre@example.fr';
    const cookie = await signInFrom(email, 'en');
    const res = await call('/api/account/language', { method: 'PUT', json: { locale: 'fr' }, cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^shop_locale=fr;/));
    expect(await localeOf(email)).toBe('fr');
    await startCheckout(cookie, 'starter');
    const created = (await sim<ReceivedRequest[]>('/_sim/stripe/requests')).findLast(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    );
    expect(created?.params).toMatchObject({ locale: 'fr' });
    expect(await customerIdOf(email)).toBeTruthy();
  });

  it('refuses a language the shop does not speak, and anyone not signed in', async () => {
    const cookie = await signInFrom('olga@example.ru', 'ru');
    const notSpoken = await call('/api/account/language', {
      method: 'PUT',
      json: { locale: 'zh-cn' },
      cookie,
      env: { ...env, LOCALES: 'en,ru' } as unknown as Env,
    });
    expect(notSpoken.status).toBe(400);
    expect(await localeOf('olga@example.ru')).toBe('ru');
    const anonymous = await call('/api/account/language', { method: 'PUT', json: { locale: 'de' } });
    expect(anonymous.status).toBe(401);
  });
});
