// The tiers with a Buy link each: on the landing page and in the dashboard (empty state, Buy more).
import { formatMoney } from '../../../src/shared/format.ts';
import { shopConfig } from '../state/config.ts';

export function BuyTiers({ title, id = 'buy' }: { title: string; id?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul class="tiers" aria-label="Pricing">
        {shopConfig().tiers.map((tier) => (
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
            <a class="button" href={`/checkout/${encodeURIComponent(tier.id)}`} aria-label={`Buy ${tier.name}`}>
              Buy {tier.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
