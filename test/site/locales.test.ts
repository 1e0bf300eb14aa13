// The shop in each of its languages: public pages at /<locale>/ with their language's words, tags and alternates, a
// visitor's browser language offered (never forced) on `/`, and the app's pages in the language the visitor chose.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call } from '../support/index.ts';

const page = async (path: string, headers: Record<string, string> = {}, shopEnv?: Env) => {
  const res = await call(path, { headers, env: shopEnv });
  return { res, html: await res.text() };
};

const alternatesOf = (html: string) =>
  [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);

describe('a public page in another language', () => {
  it('answers at /de/ in German: its lang, words, prices, title, canonical and link preview', async () => {
    const { res, html } = await page('/de/');
    expect(res.status).toBe(200);
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(html).toContain('<h2 id="pricing-title">Preise</h2>');
    expect(html).toContain('Warum unsere Proxys');
    expect(html).toMatch(/<p class="price">69,00\s\$<\/p>/);
    expect(html).toContain('<span>Vereinigte Staaten</span>');
    expect(html).toContain('<link rel="canonical" href="https://shop.test/de/">');
    expect(html).toContain('<meta property="og:locale" content="de_DE">');
    // Its own language's build, and links that stay in German.
    expect(html).toMatch(/<script type="module" src="\/assets\/de\/islands-[^"]+\.js"/);
    expect(html).toContain('href="/de/checkout/pro"');
    expect(html).toContain('href="/de/terms"');
  });

  it('gives structured data in the page’s language', async () => {
    const { html } = await page('/es/');
    const product = JSON.parse(
      /<script type="application\/ld\+json">(\{"@context":"https:\/\/schema.org","@type":"Product".*?)<\/script>/.exec(
        html,
      )?.[1] ?? '{}',
    );
    expect(product.offers[0].description).toMatch(/de tráfico de proxy móvil/);
  });

  it('links every language and x-default from every public page, the same set on each', async () => {
    const home = alternatesOf((await page('/')).html);
    expect(home).toContainEqual(['de', 'https://shop.test/de/']);
    expect(home).toContainEqual(['zh-CN', 'https://shop.test/zh-cn/']);
    expect(home).toContainEqual(['x-default', 'https://shop.test/']);
    expect(home).toHaveLength(8);
    const signIn = alternatesOf((await page('/fr/signin')).html);
    expect(signIn).toContainEqual(['pt-BR', 'https://shop.test/pt-br/signin']);
    expect(signIn).toContainEqual(['x-default', 'https://shop.test/signin']);
  });

  it('writes the generic legal texts, the sign-in page and not-found in the language', async () => {
    expect((await page('/zh-cn/terms')).html).toContain('<h1>服务条款</h1>');
    expect((await page('/ru/signin')).html).toContain('Прислать ссылку для входа');
    const missing = await page('/pt-br/nada');
    expect(missing.res.status).toBe(404);
    expect(missing.html).toContain('Página não encontrada');
  });

  it('sends the default language’s prefix to its one address', async () => {
    const res = await call('/en/signin?next=%2Fdashboard');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fdashboard');
  });
});

describe('a first visit to / from a browser that prefers another language', () => {
  it('is offered that language on the same page, without a redirect, in that language', async () => {
    const { res, html } = await page('/', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<aside class="locale-offer" lang="de"');
    expect(html).toContain('href="/de/" hreflang="de">Auf Deutsch lesen</a>');
  });

  it('offers nothing to a browser that prefers the default language or one the shop does not speak', async () => {
    for (const languages of ['en-US,de;q=0.5', 'ja-JP', ''])
      expect((await page('/', { 'accept-language': languages })).html).not.toContain('<aside class="locale-offer"');
  });
});

describe("the app's pages", () => {
  // A session cookie, live or not: without one the Worker sends the visitor to sign in first.
  const session = '__Host-session=anything';

  it('remember the language of the page the visitor came from, and speak it', async () => {
    const res = await call('/de/checkout/pro');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/checkout/pro');
    expect(res.headers.get('set-cookie')).toMatch(/^shop_locale=de; Max-Age=31536000; Path=\/; Secure; SameSite=Lax/);
    const { html } = await page('/checkout/pro', { cookie: `${session}; shop_locale=de` });
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(html).toMatch(/<script type="module" src="\/assets\/de\/app-[^"]+\.js"/);
    expect(html).toContain('<title>Bezahlen — Acme Mobile Proxies</title>');
  });

  it('speak the browser’s language when nothing was chosen, and the default one when it is not spoken', async () => {
    expect((await page('/dashboard/api', { 'accept-language': 'fr-CA,fr', cookie: session })).html).toMatch(
      /<html lang="fr">/,
    );
    expect(
      (await page('/dashboard/api', { 'accept-language': 'ja', cookie: `${session}; shop_locale=xx` })).html,
    ).toMatch(/<html lang="en">/);
  });
});

describe('a shop that speaks fewer languages (LOCALES)', () => {
  const shop = { ...env, LOCALES: 'en,de' } as unknown as Env;

  it('serves only those, and names only those as alternates and in the sitemap', async () => {
    expect((await page('/fr/', {}, shop)).res.status).toBe(404);
    expect(alternatesOf((await page('/', {}, shop)).html).map(([lang]) => lang)).toEqual(['en', 'de', 'x-default']);
    const sitemap = await (await call('/sitemap.xml', { env: shop })).text();
    expect([...sitemap.matchAll(/<loc>/g)]).toHaveLength(8);
  });

  it('has no alternates and no offer when it speaks one language', async () => {
    const { html } = await page('/', { 'accept-language': 'de' }, { ...env, LOCALES: 'en' } as unknown as Env);
    expect(alternatesOf(html)).toEqual([]);
    expect(html).not.toContain('<aside class="locale-offer"');
  });
});
