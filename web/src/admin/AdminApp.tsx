// The operator console (lazy-loaded chunk; its styles come with the app's): its own navigation and pages under /admin.
import { LazyPage, lazyChunk } from '../components/LazyPage.tsx';
import { path } from '../router.ts';
import { segmentAfter } from '../routes.ts';
import { AuditLog } from './AuditLog.tsx';
import { Customers } from './Customers.tsx';
import { Overview } from './Overview.tsx';
import { Pricing } from './Pricing.tsx';

// A customer's page (their keys, orders with refunds, disputes and the operator's actions) is the console's largest:
// a chunk of its own, fetched when an operator first opens one.
const customerChunk = lazyChunk(() => import('./CustomerDetail.tsx').then((page) => page.CustomerDetail));

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/pricing', label: 'Pricing' },
];

function Page({ at }: { at: string }) {
  if (at === '/admin' || at === '/admin/') return <Overview />;
  if (at === '/admin/customers') return <Customers />;
  if (at === '/admin/audit') return <AuditLog />;
  if (at === '/admin/pricing') return <Pricing />;
  const customerId = segmentAfter('/admin/customers/', at);
  // Keyed: another customer's page never shows the last one's data while it loads.
  if (customerId) return <LazyPage key={customerId} chunk={customerChunk} props={{ id: customerId }} />;
  return (
    <section class="center">
      <h1>No such console page</h1>
      <a href="/admin">Back to the overview</a>
    </section>
  );
}

export function AdminApp() {
  const at = path.value;
  const current = SECTIONS.slice()
    .reverse()
    .find((s) => at === s.href || at.startsWith(`${s.href}/`));
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label="Console">
        {SECTIONS.map((s) => (
          <a key={s.href} href={s.href} aria-current={current?.href === s.href ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <Page at={at} />
    </div>
  );
}
