import type { Tier } from '../../../src/shared/api.ts';
import { formatMoney } from '../../../src/shared/format.ts';

export function PricingTable({ tiers, action }: { tiers: Tier[]; action: (tier: Tier) => preact.ComponentChildren }) {
  return (
    <ul class="tiers" aria-label="Pricing">
      {tiers.map((tier) => (
        <li class={`tier${tier.highlight ? ' highlight' : ''}`} key={tier.id}>
          {tier.highlight && <span class="badge">Most popular</span>}
          <h3>{tier.name}</h3>
          {tier.tagline && <p class="muted">{tier.tagline}</p>}
          <p class="price">{formatMoney(tier.price, tier.currency)}</p>
          <dl class="facts">
            <div>
              <dt>Traffic</dt>
              <dd>{tier.gb} GB</dd>
            </div>
            <div>
              <dt>Per GB</dt>
              <dd>{formatMoney(tier.pricePerGb, tier.currency)}</dd>
            </div>
            {tier.validityDays && (
              <div>
                <dt>Valid for</dt>
                <dd>{tier.validityDays} days</dd>
              </div>
            )}
          </dl>
          {action(tier)}
        </li>
      ))}
    </ul>
  );
}
