// Prices in the visitor's currency: chosen with the switcher (remembered), else their country's when the shop sells
// in it, else the shop's own; Checkout charges in the currency the page showed, and the order keeps it.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { pageCurrency } from '../../src/site/currency.ts';
import {
  call,
  customerIdOf,
  json,
  orderOfSession,
  type ReceivedRequest,
  signIn,
  sim,
  startCheckout,
} from '../support/index.ts';

const config = getConfig(env);
const checkoutRequests = async () =>
  (await sim<ReceivedRequest[]>('/_sim/stripe/requests')).filter(
    (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
  );

describe('the page’s currency', () => {
  it('is the one chosen, else the country’s when the shop sells in it, else the shop’s own', () => {
    expect(pageCurrency(config, { asked: 'eur', chosen: 'brl', country: 'US' })).toEqual({
      currency: 'eur',
      remember: true,
    });
    expect(pageCurrency(config, { asked: 'jpy', chosen: 'brl', country: 'DE' }).currency).toBe('brl');
    expect(pageCurrency(config, { asked: undefined, chosen: undefined, country: 'DE' }).currency).toBe('eur');
    expect(pageCurrency(config, { asked: undefined, chosen: undefined, country: 'BR' }).currency).toBe('brl');
    expect(pageCurrency(config, { asked: undefined, chosen: 'xyz', country: 'JP' }).currency).toBe('usd');
  });

  it('prices every tier on the page in it, with a switcher, and remembers a choice', async () => {
    const res = await call('/de/?currency=eur');
    const html = await res.text();
    expect(res.headers.get('set-cookie')).toMatch(/^shop_currency=eur;/);
    expect(html).toMatch(/<p class="price">64,00\s€<\/p>/);
    expect(html).toContain('"priceCurrency":"EUR"');
    expect(html).toMatch(/<a href="\/de\/\?currency=brl"[^>]*>BRL · Brasilianischer Real<\/a>/);
    const again = await (await call('/pt-br/', { cookie: 'shop_currency=brl' })).text();
    expect(again).toMatch(/<p class="price">R\$\s349,00<\/p>/);
  });
});

describe('Checkout in the page’s currency', () => {
  it('charges the tier’s price in it and the order carries it', async () => {
    const email = 'klara@example.at';
    const cookie = await signIn(email);
    const res = await call('/api/checkout', { json: { tierId: 'pro', currency: 'eur' }, cookie });
    expect(res.status).toBe(200);
    const created = (await checkoutRequests()).at(-1);
    expect(created?.params).toMatchObject({
      line_items: [{ price_data: { currency: 'eur', unit_amount: '6400' } }],
    });
    const sessionId = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop() ?? '';
    expect(await orderOfSession(sessionId)).toMatchObject({ currency: 'eur', price: 6400 });
    expect(await customerIdOf(email)).toBeTruthy();
  });

  it('refuses a currency the shop does not sell in, and charges the shop’s own when none is named', async () => {
    const cookie = await signIn('sam@example.com');
    const refused = await json<{ error: { code: string } }>('/api/checkout', {
      json: { tierId: 'pro', currency: 'jpy' },
      cookie,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('unknown_currency');
    const sessionId = await startCheckout(cookie, 'pro');
    expect(await orderOfSession(sessionId)).toMatchObject({ currency: 'usd', price: 6900 });
  });
});
