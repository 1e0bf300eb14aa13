// Retail against wholesale, read-only: prices live in the PRICING var (edit wrangler.toml and deploy to change them).
import type { PricingView, TierPricing } from '../../../src/shared/admin.ts';
import { formatDateTime, formatMoney } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';

/** Tier, price, retail per GB, then one margin column per wholesale rate found. */
function columns(p: PricingView): Column<TierPricing>[] {
  const labels = [...new Set(p.tiers.flatMap((t) => t.margins.map((m) => m.label)))];
  return [
    { head: 'Tier', rowHeader: true, cell: (t) => t.name },
    { head: 'Price', cell: (t) => `${formatMoney(t.price, t.currency)} for ${t.gb} GB` },
    { head: 'Retail per GB', cell: (t) => formatMoney(t.retailPerGb, t.currency) },
    ...labels.map(
      (label): Column<TierPricing> => ({
        head: `Margin vs ${label}`,
        cell: (t) => {
          const m = t.margins.find((x) => x.label === label);
          if (!m) return '—';
          const text = `${formatMoney(m.marginPerGb, t.currency)} (${m.marginPct}%) on ${formatMoney(m.perGb, t.currency)}`;
          return m.marginPerGb < 0 ? <span class="error-text">{text}</span> : text;
        },
      }),
    ),
  ];
}

export function Pricing() {
  const pricing = useResource(() => read<PricingView>(api.admin.pricing.$get()));
  return (
    <>
      <h1>Pricing</h1>
      <p class="muted">
        Your retail prices come from the PRICING var; to change them, edit wrangler.toml and deploy. Wholesale rates are
        the platform’s current public prices.
      </p>
      <LoadState state={pricing}>
        {(p) => (
          <div class="stack">
            {p.error && <p class="banner warn">{p.error}</p>}
            <Table
              caption="Retail price per GB and margin against each wholesale rate"
              columns={columns(p)}
              rows={p.tiers}
              rowKey={(t) => t.id}
            />
            {p.rates.length > 0 && (
              <section aria-labelledby="rates-title">
                <h2 id="rates-title">Wholesale rates found</h2>
                <ul>
                  {p.rates.map((r) => (
                    <li key={r.label}>
                      {r.label}: {formatMoney(r.perGb, r.currency)} per GB
                      {r.currencyAssumed && ' (no currency given; USD assumed)'}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {p.raw !== null && (
              <details>
                <summary>The platform’s answer{p.fetchedAt ? `, read ${formatDateTime(p.fetchedAt)}` : ''}</summary>
                <pre class="raw">{JSON.stringify(p.raw, null, 2)}</pre>
              </details>
            )}
          </div>
        )}
      </LoadState>
    </>
  );
}
