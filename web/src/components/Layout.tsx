// The page around every route: the brand, the session's links, the legal links, and the language and currency
// switchers (plain links: another language is another address, a currency a preference the shop remembers).
import type { ComponentChildren } from 'preact';
import { currencyName } from '../../../src/shared/format.ts';
import { languageTag, localizedPath } from '../../../src/shared/i18n/locales.ts';
import { languageName } from '../../../src/shared/language-name.ts';
import { currentLocale, href, t } from '../i18n.ts';
import { shopConfig } from '../state/config.ts';
import { ISLAND } from './Island.tsx';

function Languages({ path }: { path: string }) {
  const { locales, defaultLocale } = shopConfig();
  const here = currentLocale();
  if (locales.length < 2) return null;
  return (
    <details class="switch">
      <summary>
        <span class="visually-hidden">{t('site.language')}: </span>
        {languageName(here)}
      </summary>
      <ul>
        {locales.map((locale) => (
          <li key={locale}>
            <a
              href={localizedPath(path, locale, defaultLocale)}
              hrefLang={languageTag(locale)}
              lang={languageTag(locale)}
              aria-current={locale === here ? 'true' : undefined}
            >
              {languageName(locale)}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Currencies({ path }: { path: string }) {
  const { currencies, currency } = shopConfig();
  if (currencies.length < 2) return null;
  return (
    <details class="switch">
      <summary>
        <span class="visually-hidden">{t('site.currency')}: </span>
        {currency.toUpperCase()}
      </summary>
      <ul>
        {currencies.map((code) => (
          <li key={code}>
            {/* A full page load (not the app's router): the shop remembers the choice and prices the page in it. */}
            <a
              href={`${href(path)}?currency=${code}`}
              rel="nofollow"
              target="_self"
              aria-current={code === currency ? 'true' : undefined}
            >
              {code.toUpperCase()} · {currencyName(code)}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** `nav`: the session's links (SessionNav) in the browser; empty where the Worker renders, since it does not know
 * who is signed in. `path`: the page's address within its locale, for the switchers. */
export function Layout({
  nav,
  path = '/',
  children,
}: {
  nav?: ComponentChildren;
  path?: string;
  children: ComponentChildren;
}) {
  const { brand } = shopConfig();
  return (
    <>
      <a class="skip" href="#main">
        {t('site.skip')}
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href={href('/')} aria-label={t('site.home', { brand: brand.name })}>
            {brand.logoUrl && <img src={brand.logoUrl} alt="" width={32} height={32} />}
            <span>{brand.name}</span>
          </a>
          <nav aria-label={t('site.mainNav')} id={ISLAND.sessionNav}>
            {nav}
          </nav>
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap footer-row">
          <span>
            © {new Date().getFullYear()} {brand.legal.companyName}
          </span>
          <a href={href(brand.legal.termsUrl)}>{t('site.terms')}</a>
          <a href={href(brand.legal.privacyUrl)}>{t('site.privacy')}</a>
          <a href={`mailto:${brand.supportEmail}`}>{t('site.support')}</a>
          <Languages path={path} />
          <Currencies path={path} />
        </div>
      </footer>
    </>
  );
}
