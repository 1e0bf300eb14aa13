// The page around every route: the brand, the session's links, and the legal links.
import type { ComponentChildren } from 'preact';
import { shopConfig } from '../state/config.ts';
import { SessionNav } from './SessionNav.tsx';

export function Layout({ children }: { children: ComponentChildren }) {
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
          <nav aria-label="Main">
            <SessionNav />
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
