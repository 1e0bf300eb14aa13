// Purchase history, newest first, each with its receipt (what was sold, when, for how much, any refund).
import { useEffect, useState } from 'preact/hooks';
import type { Purchase } from '../../../src/shared/billing.ts';
import { formatDate, formatMoney } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { config } from '../state/config.ts';

const STATUS: Record<Purchase['status'], string> = {
  pending: 'Processing',
  paid: 'Paid',
  failed: 'Failed',
  expired: 'Expired',
  refunded: 'Refunded',
};

function Receipt({ p, email }: { p: Purchase; email: string }) {
  const brand = config.value!.brand;
  return (
    <details>
      <summary>Receipt</summary>
      <dl class="facts receipt">
        <div>
          <dt>Seller</dt>
          <dd>{brand.legal.companyName}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{email}</dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd class="mono">{p.id}</dd>
        </div>
        <div>
          <dt>Item</dt>
          <dd>
            {p.tierName}: {p.gb} GB{p.validityDays ? `, ${p.validityDays} days` : ''}
          </dd>
        </div>
        <div>
          <dt>{p.paidAt ? `Paid ${formatDate(p.paidAt)}` : 'Total'}</dt>
          <dd>{formatMoney(p.price, p.currency)}</dd>
        </div>
        {p.refundedAmount > 0 && (
          <div>
            <dt>Refunded ({p.refundedGb} GB)</dt>
            <dd>−{formatMoney(p.refundedAmount, p.currency)}</dd>
          </div>
        )}
      </dl>
    </details>
  );
}

export function Purchases({ email }: { email: string }) {
  const [purchases, setPurchases] = useState<Purchase[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    read(api.purchases.$get()).then(
      (answer) => setPurchases(answer.purchases),
      (err: Error) => setError(err.message),
    );
  }, []);
  return (
    <section class="card" aria-labelledby="purchases-title" aria-busy={!purchases && !error}>
      <h2 id="purchases-title">Purchases</h2>
      {error && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
      {!purchases && !error && <p class="muted">Loading purchases…</p>}
      {purchases?.length === 0 && <p class="muted">No purchases yet.</p>}
      {purchases && purchases.length > 0 && (
        <div class="table-scroll" tabIndex={0} aria-label="Purchases table">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Plan</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {purchases.map((p) => (
                <tr key={p.id}>
                  <td>{formatDate(p.createdAt)}</td>
                  <td>
                    {p.tierName} · {p.gb} GB
                    <Receipt p={p} email={email} />
                  </td>
                  <td>{formatMoney(p.price, p.currency)}</td>
                  <td>{STATUS[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
