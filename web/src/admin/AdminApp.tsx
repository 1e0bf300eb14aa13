// The operator console (lazy-loaded chunk; its styles come with the app's): its own navigation and pages under /admin.
// The Worker renders it for an operator opening /admin (the overview), so only the overview is imported here; the
// other pages are a chunk the browser fetches as soon as the console starts, and the Worker's build drops.
import { useEffect } from 'preact/hooks';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { path } from '../router.ts';
import { Overview } from './Overview.tsx';

const sectionsChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./Sections.tsx').then((chunk) => chunk.Section),
);

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/pricing', label: 'Pricing' },
];

export function AdminApp() {
  const at = path.value;
  const current = SECTIONS.slice()
    .reverse()
    .find((s) => at === s.href || at.startsWith(`${s.href}/`));
  // The other pages load while the operator reads the overview, so the first click on one does not wait for them.
  useEffect(() => {
    if (!sectionsChunk.data.peek() && !sectionsChunk.loading.peek()) void sectionsChunk.run();
  }, []);
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label="Console">
        {SECTIONS.map((s) => (
          <a key={s.href} href={s.href} aria-current={current?.href === s.href ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      {at === '/admin' || at === '/admin/' ? <Overview /> : <LazyPage chunk={sectionsChunk} props={{ at }} />}
    </div>
  );
}
