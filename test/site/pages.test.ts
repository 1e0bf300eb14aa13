// The pages the Worker renders: what a crawler and a first paint get before any script runs (brand, tiers, prices,
// meta, structured data, the public config), their security headers, robots.txt and the sitemap.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import worker from '../../src/index.ts';
import type { Locale } from '../../src/shared/i18n/locales.ts';
import { renderPage } from '../../src/site/index.ts';
import { CONTENT_DIR } from '../../src/site/manifest.ts';
import { call } from '../support/index.ts';

/** A session cookie, live or not: pages look only at whether one came. */
const SOME_SESSION = '__Host-session=anything';

const page = async (path: string) => {
  const res = await call(path);
  return { res, html: await res.text() };
};

/** The one match of `pattern` in `html` (its first group). */
function one(html: string, pattern: RegExp): string {
  const found = [...html.matchAll(new RegExp(pattern, 'g'))];
  expect(found, String(pattern)).toHaveLength(1);
  return found[0]?.[1] ?? '';
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

describe('the landing page', () => {
  it('carries the brand, every tier with its price and the countries in its HTML', async () => {
    const { res, html } = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(one(html, /<h1>([^<]+)<\/h1>/)).toBe('Acme Mobile Proxies');
    for (const [tier, price] of [
      ['Starter', '$9.00'],
      ['Pro', '$69.00'],
      ['Scale', '$279.00'],
    ])
      expect(html).toMatch(new RegExp(`<h3>${tier}</h3>.*?<p class="price">\\${price}</p>`));
    expect(html).toContain('<span>United States</span>');
    expect(html).toContain('href="/checkout/pro"');
  });

  it('says what it is to search engines and link previews, from BRAND and PUBLIC_URL', async () => {
    const { html } = await page('/');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(one(html, /<title>([^<]+)<\/title>/)).toBe('Acme Mobile Proxies');
    expect(one(html, /<meta name="description" content="([^"]+)">/)).toBe(
      'Real 4G/5G mobile IPs in the countries you need, by the gigabyte.',
    );
    expect(one(html, /<link rel="canonical" href="([^"]+)">/)).toBe('https://shop.test/');
    expect(one(html, /<meta property="og:url" content="([^"]+)">/)).toBe('https://shop.test/');
    expect(one(html, /<meta property="og:title" content="([^"]+)">/)).toBe('Acme Mobile Proxies');
    expect(one(html, /<meta name="twitter:card" content="([^"]+)">/)).toBe('summary');
    // The shop's own SVG logo is the icon inside the page: no page fetches its icon (web/public/logo.svg).
    const icon = one(html, /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/);
    expect(icon).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(icon.slice(icon.indexOf(',') + 1))).toMatch(/^<svg [\s\S]*<\/svg>\s*$/);
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32">');
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png">');
  });

  it('sells: a call to action, features, how it works, an example, questions and answers, and support', async () => {
    const { html } = await page('/');
    expect(html).toContain('<a class="button" href="/checkout/pro">Buy Pro: $69.00</a>');
    for (const title of ['Why our proxies', 'Pricing', 'How it works', 'Try it in one line', 'Questions and answers'])
      expect(html).toContain(`-title">${title}</h2>`);
    // The example wraps on a phone at its punctuation (<wbr>), and reads whole.
    expect(html.replaceAll('<wbr/>', '')).toContain(
      'psx_acme-mbl-us-sid-session_1-rot-sticky:YOUR_KEY@gw.proxies.sx:7000',
    );
    expect(html).toContain('<summary>What is a sticky session?</summary>');
    expect(html).toContain('<a href="mailto:support@example.com">support@example.com</a>');
  });

  it('lists every tier as a schema.org Offer of the shop’s Product, and its questions as an FAQPage', async () => {
    const { html } = await page('/');
    const [data, faq] = [...html.matchAll(/<script type="application\/ld\+json">(.+?)<\/script>/g)].map((m) =>
      JSON.parse(m[1] ?? ''),
    );
    expect(faq).toMatchObject({ '@type': 'FAQPage' });
    expect(faq.mainEntity[0]).toEqual({
      '@type': 'Question',
      name: 'What are mobile proxies for?',
      acceptedAnswer: { '@type': 'Answer', text: expect.stringContaining('4G/5G') },
    });
    expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'Product', name: 'Acme Mobile Proxies' });
    expect(data.offers).toEqual([
      expect.objectContaining({ '@type': 'Offer', name: 'Starter', price: '9.00', priceCurrency: 'USD' }),
      expect.objectContaining({ name: 'Pro', price: '69.00', url: 'https://shop.test/checkout/pro' }),
      expect.objectContaining({ name: 'Scale', price: '279.00' }),
    ]);
  });

  it('carries the public config as JSON data (not a script), the same the API answers', async () => {
    const { html } = await page('/');
    const inline = JSON.parse(one(html, /<script type="application\/json" id="shop-config">(.+?)<\/script>/));
    expect(inline).toEqual(await (await call('/api/config')).json());
    expect(Object.keys(inline.brand.legal).sort()).toEqual(['companyName', 'privacyUrl', 'termsUrl']);
    expect(html).not.toMatch(/psx_sim_reseller_key|sk_test_sim_local|whsec_|dev-only-auth-secret/);
  });

  it('inlines its one stylesheet, allowed by its hash alone, and links its script from the build', async () => {
    const { res, html } = await page('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const style = one(html, /<style>([\s\S]*?)<\/style>/);
    expect(style).toContain('--brand:#4f46e5');
    expect(csp).toContain(`style-src 'self' 'sha256-${await sha256(style)}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The page is whole without its islands: their script waits behind what the first paint needs.
    expect(
      one(html, /<script type="module" src="(\/assets\/en\/islands-[^"]+\.js)" fetchpriority="low"><\/script>/),
    ).toBeTruthy();
    expect(html).not.toMatch(/<link rel="stylesheet"/);
  });
});

describe('the other pages', () => {
  it('sign-in, terms and privacy are whole pages with their own title, description and canonical address', async () => {
    for (const [path, title] of [
      ['/signin', 'Sign in — Acme Mobile Proxies'],
      ['/terms', 'Terms of service — Acme Mobile Proxies'],
      ['/privacy', 'Privacy policy — Acme Mobile Proxies'],
    ] as const) {
      const { res, html } = await page(`${path}?utm=x`);
      expect(res.status).toBe(200);
      expect(one(html, /<title>([^<]+)<\/title>/)).toBe(title);
      expect(one(html, /<link rel="canonical" href="([^"]+)">/)).toBe(`https://shop.test${path}`);
      expect(one(html, /<meta name="description" content="([^"]+)">/)).toContain('Acme Mobile Proxies');
    }
    expect((await page('/signin')).html).toContain('<label for="signin-email">Email address</label>');
  });

  it('the sign-in page alone may load Cloudflare Turnstile (its script and frame), and only when it is set up', async () => {
    const turnstile = 'https://challenges.cloudflare.com';
    const cspOf = async (path: string, env?: Env) =>
      (await call(path, env ? { env } : {})).headers.get('content-security-policy') ?? '';
    const signIn = await cspOf('/signin');
    expect(signIn).toContain(`script-src 'self' ${turnstile};`);
    expect(signIn).toContain(`frame-src 'self' ${turnstile}`);
    expect(signIn.split(turnstile)).toHaveLength(3);
    // Nowhere else: not on the other pages, the app's shell or the API.
    for (const path of ['/', '/terms', '/dashboard', '/admin', '/checkout/pro', '/nowhere', '/api/config'])
      expect(await cspOf(path), path).not.toContain(turnstile);
    // A shop without Turnstile allows nothing of it, on the sign-in page either.
    const without = { ...env, TURNSTILE_SITE_KEY: '', TURNSTILE_SECRET_KEY: '' } as Env;
    expect(await cspOf('/signin', without)).not.toContain(turnstile);
    // The page itself loads no script from Cloudflare: the sign-in form fetches it when the shop asks for a challenge.
    expect((await page('/signin')).html).not.toContain(turnstile);
  });

  it('terms and privacy show the generic texts naming the shop, rendered as elements', async () => {
    const terms = (await page('/terms')).html;
    expect(terms).toContain('<h1>Terms of service</h1>');
    expect(terms).toContain('Acme Proxies Ltd');
    expect(terms).toContain('<h2>Acceptable use</h2>');
    expect((await page('/privacy')).html).toContain('support@example.com');
  });

  it('shows the reseller’s own text from content/, in the page’s language where they wrote one', async () => {
    const own = '# Our terms\n\nWe sell mobile proxies by the gigabyte.\n\n- No spam\n- No fraud';
    const eigene = '# Unsere Bedingungen\n\nWir verkaufen mobile Proxys nach Gigabyte.';
    // The ASSETS binding as a build with content/legal/terms.md and content/de/legal/terms.md serves them
    // (vite.config.ts copies content/ beside the manifests).
    const files: Record<string, string> = {
      [`/${CONTENT_DIR}/legal/terms.md`]: own,
      [`/${CONTENT_DIR}/de/legal/terms.md`]: eigene,
    };
    const assets = {
      fetch: (request: Request) => {
        const text = files[new URL(request.url).pathname];
        return text ? Promise.resolve(new Response(text)) : env.ASSETS.fetch(request);
      },
    } as Fetcher;
    const config = getConfig(env);
    const render = async (locale: Locale, path: string) =>
      (await renderPage(config, assets, { locale, path, currency: config.currency, offer: null, sessionCookie: false }))
        .html;
    const terms = await render('en', '/terms');
    expect(terms).toContain('<h1>Terms of service</h1>');
    expect(terms).toContain('<h2>Our terms</h2>');
    expect(terms).toContain('<li>No fraud</li>');
    expect(terms).not.toContain('Acceptable use');
    // German has its own; French has none, so the shop's own terms (a generic French text would not be theirs).
    const de = await render('de', '/terms');
    expect(de).toContain('<h1>Allgemeine Geschäftsbedingungen</h1>');
    expect(de).toContain('<h2>Unsere Bedingungen</h2>');
    expect(de).not.toContain('Our terms');
    expect(await render('fr', '/terms')).toContain('<h2>Our terms</h2>');
    // The privacy page has no file of its own here: the generic text, in the page's language.
    expect(await render('en', '/privacy')).toContain('support@example.com');
    const dePrivacy = await render('de', '/privacy');
    expect(dePrivacy).toContain('<h1>Datenschutzerklärung</h1>');
    expect(dePrivacy).toContain('support@example.com');
  });

  it('an unknown address is a 404 page without a canonical address', async () => {
    for (const path of ['/cookies', '/dashboard/extra', '/.vite/app.json']) {
      const { res, html } = await page(path);
      expect(res.status).toBe(404);
      expect(html).toContain('<h1>Page not found</h1>');
      expect(html).not.toContain('rel="canonical"');
    }
  });

  it('the app’s pages are its shell, preloading only what the page needs: never the console for /admin', async () => {
    const signedIn = (path: string) => call(path, { cookie: SOME_SESSION }).then((res) => res.text());
    expect(await signedIn('/checkout/pro')).toMatch(
      /<link rel="modulepreload" href="\/assets\/en\/Checkout-[^"]+\.js">/,
    );
    expect((await page('/signin')).html).toMatch(
      /<link rel="modulepreload" href="\/assets\/en\/SignIn-[^"]+\.js" fetchpriority="low">/,
    );
    // The dashboard itself is rendered with its customer's data (test/site/dashboard-page.test.ts).
    const apiPage = await signedIn('/dashboard/api');
    expect(apiPage).toMatch(/<script type="module" src="\/assets\/en\/app-[^"]+\.js"><\/script>/);
    expect(apiPage).toContain('<title>API — Acme Mobile Proxies</title>');
    expect(apiPage).toMatch(/<link rel="modulepreload" href="\/assets\/en\/ApiPage-[^"]+\.js">/);
    const admin = await signedIn('/admin/customers');
    expect(admin).toContain('<title>Console — Acme Mobile Proxies</title>');
    expect(admin).not.toContain('AdminApp');
  });

  it('send a visitor without a session cookie from an app page straight to sign in, and back there afterwards', async () => {
    for (const [path, next] of [
      ['/dashboard', '/dashboard'],
      ['/dashboard?session_id=cs_test_abc', '/dashboard?session_id=cs_test_abc'],
      ['/dashboard/api', '/dashboard/api'],
      ['/admin', '/admin'],
      ['/admin/customers?q=shopper', '/admin/customers?q=shopper'],
      ['/checkout/pro', '/checkout/pro'],
    ] as const) {
      const res = await call(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(next)}`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toMatch(/cookie/i);
      expect(await res.text()).toBe('');
    }
    // In the visitor's language: the one they chose last (a page in it set the cookie), else their browser's.
    const signIn = (init: { headers?: Record<string, string>; cookie?: string }) =>
      call('/dashboard', init).then((res) => res.headers.get('location'));
    const next = encodeURIComponent('/dashboard');
    expect(await signIn({ headers: { 'accept-language': 'de-DE,de;q=0.9' } })).toBe(`/de/signin?next=${next}`);
    expect(await signIn({ cookie: 'shop_locale=fr', headers: { 'accept-language': 'de' } })).toBe(
      `/fr/signin?next=${next}`,
    );
    // A plan that is not on sale says so, signed in or not; the sign-in confirm page is for signed-out visitors.
    for (const path of ['/checkout/no-such-plan', '/auth/verify', '/', '/signin'])
      expect((await call(path)).status).toBe(200);
  });

  it('say whether a session cookie came with them, so a signed-out visitor’s page asks nothing about the session', async () => {
    const signedOut = await call('/checkout/no-such-plan');
    expect(await signedOut.text()).toContain('\n<body>\n');
    expect(signedOut.headers.get('vary')).toMatch(/cookie/i);
    const withCookie = await call('/dashboard/api', { cookie: SOME_SESSION });
    expect(await withCookie.text()).toContain('\n<body data-session>\n');
    // The cookie is not checked here (the API does that): a page is no more than the shell either way (the dashboard
    // itself checks it, test/site/dashboard-page.test.ts).
    expect((await call('/', { cookie: SOME_SESSION })).status).toBe(200);
  });

  it('answer HEAD like GET, without a body', async () => {
    const res = await call('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('a broken config gives a plain 503 page naming nothing of it', async () => {
    const broken = { ...env, PRICING: '{"currency":"usd","tiers":[]}' } as unknown as Env;
    const res = await worker.fetch(new Request('https://shop.test/'), broken, createExecutionContext());
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('The shop is unavailable');
    expect(html).not.toMatch(/PRICING|tiers/);
  });
});

describe('files for crawlers', () => {
  it('robots.txt allows the site but the API and names the sitemap', async () => {
    const res = await call('/robots.txt');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(
      'User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: https://shop.test/sitemap.xml\n',
    );
  });

  it('sitemap.xml lists the public pages at PUBLIC_URL in every language, each with its alternates', async () => {
    const res = await call('/sitemap.xml');
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.slice(0, 4)).toEqual([
      'https://shop.test/',
      'https://shop.test/signin',
      'https://shop.test/terms',
      'https://shop.test/privacy',
    ]);
    expect(locs).toContain('https://shop.test/de/signin');
    expect(locs).toContain('https://shop.test/zh-cn/privacy');
    expect(locs).toHaveLength(4 * 7);
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="pt-BR" href="https://shop.test/pt-br/terms"/>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://shop.test/terms"/>');
  });
});
