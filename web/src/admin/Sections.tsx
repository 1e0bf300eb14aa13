// The console's pages other than its overview (customers, audit log, pricing, a customer's page): a chunk fetched
// with the console, so the Worker, which renders only the overview for an operator opening /admin, bundles none of it.
import { LazyPage, lazyChunk } from '../components/LazyPage.tsx';
import { segmentAfter } from '../routes.ts';
import { AuditLog } from './AuditLog.tsx';
import { Customers } from './Customers.tsx';
import { Pricing } from './Pricing.tsx';

// A customer's page (their keys, orders with refunds, disputes and the operator's actions) is the console's largest:
// a chunk of its own, fetched when an operator first opens one.
const customerChunk = lazyChunk(() => import('./CustomerDetail.tsx').then((page) => page.CustomerDetail));

export function Section({ at }: { at: string }) {
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
