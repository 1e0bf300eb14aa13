import type { ComponentChildren } from 'preact';
import { config } from '../state/config.ts';
import { SessionNav } from './SessionNav.tsx';

export function Layout({ children, nav }: { children: ComponentChildren; nav?: ComponentChildren }) {
  const brand = config.value?.brand;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href="/" aria-label={`${brand?.name ?? 'Shop'} home`}>
            {brand?.logoUrl && <img src={brand.logoUrl} alt="" width={32} height={32} />}
            <span>{brand?.name ?? '\u00a0'}</span>
          </a>
          <nav aria-label="Main">
            {nav}
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
            © {new Date().getFullYear()} {brand?.legal.companyName}
          </span>
          <a href={brand?.legal.termsUrl ?? '/terms'}>Terms</a>
          <a href={brand?.legal.privacyUrl ?? '/privacy'}>Privacy</a>
          {brand && <a href={`mailto:${brand.supportEmail}`}>Support</a>}
        </div>
      </footer>
    </>
  );
}
