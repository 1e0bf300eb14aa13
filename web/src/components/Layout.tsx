// The page around every route: the brand, the session's links, and the legal links.
import type { ComponentChildren } from 'preact';
import { shopConfig } from '../state/config.ts';
import { ISLAND } from './Island.tsx';

/** `nav`: the session's links (SessionNav) in the browser; empty where the Worker renders, since it does not know
 * who is signed in. */
export function Layout({ nav, children }: { nav?: ComponentChildren; children: ComponentChildren }) {
  const { brand } = shopConfig();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href="/" aria-label={`${brand.name} home`}>
            {brand.logoUrl && <img src={brand.logoUrl} alt="" width={32} height={32} />}
            <span>{brand.name}</span>
          </a>
          <nav aria-label="Main" id={ISLAND.sessionNav}>
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
          <a href={brand.legal.termsUrl ?? '/terms'}>Terms</a>
          <a href={brand.legal.privacyUrl ?? '/privacy'}>Privacy</a>
          <a href={`mailto:${brand.supportEmail}`}>Support</a>
        </div>
      </footer>
    </>
  );
}
