// The tiers with a Buy link each: on the landing page and in the dashboard (empty state, Buy more).

import { formatDays, formatGb, formatMoney } from '../../../src/shared/format.ts';
import { href, t } from '../i18n.ts';
import { shopConfig } from '../state/config.ts';

export function BuyTiers({ title, id = 'buy' }: { title: string; id?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul class="tiers" aria-label={t('landing.pricing')}>
        {shopConfig().tiers.map((tier) => (
          <li class={`tier${tier.highlight ? ' highlight' : ''}`} key={tier.id}>
            {tier.highlight && <span class="badge">{t('tiers.popular')}</span>}
            <h3>{tier.name}</h3>
            {tier.tagline && <p class="muted">{tier.tagline}</p>}
            <p class="price">{formatMoney(tier.price, tier.currency)}</p>
            <dl class="facts">
              <div>
                <dt>{t('tiers.traffic')}</dt>
                <dd>{formatGb(tier.gb)}</dd>
              </div>
              <div>
                <dt>{t('tiers.perGb')}</dt>
                <dd>{formatMoney(tier.pricePerGb, tier.currency)}</dd>
              </div>
              {tier.validityDays && (
                <div>
                  <dt>{t('tiers.validFor')}</dt>
                  <dd>{formatDays(tier.validityDays)}</dd>
                </div>
              )}
            </dl>
            <a class="button" href={href(`/checkout/${encodeURIComponent(tier.id)}`)}>
              {t('tiers.buy', { tier: tier.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
