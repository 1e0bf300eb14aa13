// Retail against wholesale, read-only: prices live in the PRICING var (edit wrangler.toml and deploy to change them).

import type { PricingView } from '../../../src/shared/admin.ts';
import { formatDateTime, formatMoney } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { LoadState, useLoad } from './ui.tsx';

export function Pricing() {
  const state = useLoad(() => read<PricingView>(api.admin.pricing.$get()), []);
  const p = state.data;
  const labels = p ? [...new Set(p.tiers.flatMap((t) => t.margins.map((m) => m.label)))] : [];
  return (
    <>
      <h1>Pricing</h1>
      <p class="muted">
        Your retail prices come from the PRICING var; to change them, edit wrangler.toml and deploy. Wholesale rates are
        the platform’s current public prices.
      </p>
      <LoadState state={state}>
        {p && (
          <div class="stack">
            {p.error && <p class="banner warn">{p.error}</p>}
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">Retail price per GB and margin against each wholesale rate</caption>
                <thead>
                  <tr>
                    <th scope="col">Tier</th>
                    <th scope="col">Price</th>
                    <th scope="col">Retail per GB</th>
                    {labels.map((l) => (
                      <th scope="col" key={l}>
                        Margin vs {l}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.tiers.map((t) => (
                    <tr key={t.id}>
                      <th scope="row">{t.name}</th>
                      <td>
                        {formatMoney(t.price, t.currency)} for {t.gb} GB
                      </td>
                      <td>{formatMoney(t.retailPerGb, t.currency)}</td>
                      {labels.map((l) => {
                        const m = t.margins.find((x) => x.label === l);
                        return (
                          <td key={l} class={m && m.marginPerGb < 0 ? 'error-text' : ''}>
                            {m
                              ? `${formatMoney(m.marginPerGb, t.currency)} (${m.marginPct}%) on ${formatMoney(m.perGb, t.currency)}`
                              : '—'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
