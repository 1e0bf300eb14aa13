// The tiers with a Buy link each: on the landing page and in the dashboard (empty state, Buy more).
import { config } from '../state/config.ts';
import { PricingTable } from './PricingTable.tsx';

export function BuyTiers({ title, id = 'buy' }: { title: string; id?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <PricingTable
        tiers={config.value!.tiers}
        action={(tier) => (
          <a class="button" href={`/checkout/${encodeURIComponent(tier.id)}`} aria-label={`Buy ${tier.name}`}>
            Buy {tier.name}
          </a>
        )}
      />
    </section>
  );
}
