// Small pieces the console's pages share: status and dispute words, the query string and the CSV exports.
import type { CustomerStatus } from '../../../src/shared/admin.ts';
import { search } from '../router.ts';

const STATUS_TEXT: Record<CustomerStatus, string> = {
  suspended: 'Suspended',
  provider_disabled: 'Disabled by the provider',
  no_key: 'No key',
  provisioning: 'Provisioning',
  updating: 'Updating',
  retrying: 'Retrying',
  active: 'Active',
  disabled: 'Disabled',
  expired: 'Expired',
};

export function StatusBadge({ status }: { status: CustomerStatus }) {
  return <span class={`status status-${status}`}>{STATUS_TEXT[status]}</span>;
}

/** Stripe's reason for a dispute in words: `product_not_received` → `product not received`. */
export const disputeReason = (reason: string) => reason.replace(/_/g, ' ');

/** The current page's query string as an object. */
export function queryParams(): URLSearchParams {
  return new URLSearchParams(search.value);
}

export function ExportLinks() {
  return (
    <div class="actions">
      <a class="button secondary" href="/api/admin/export/customers.csv" download>
        Export customers (CSV)
      </a>
      <a class="button secondary" href="/api/admin/export/purchases.csv" download>
        Export purchases (CSV)
      </a>
    </div>
  );
}
