// The landing page, rendered whole by the Worker from the shop's LandingContent; the countries' live availability is
// its one island.

import type { LandingContent } from '../../../src/shared/landing.ts';
import { BuyTiers } from '../components/BuyTiers.tsx';
import { CountryList } from '../components/CountryList.tsx';
import { ISLAND } from '../components/Island.tsx';
import { href, t } from '../i18n.ts';
import { CodeSample, Faq, Features, Steps, Support } from '../landing/Sections.tsx';
import { shopConfig } from '../state/config.ts';

export function Landing({ content }: { content: LandingContent }) {
  const { hero, trust, features, steps, code, faq, support } = content;
  return (
    <>
      <section class="hero">
        <h1>{hero.title}</h1>
        <p class="lead">{hero.subtitle}</p>
        <p class="cta">
          <a class="button" href={href(hero.primary.href)}>
            {hero.primary.label}
          </a>
          <a class="button secondary" href={href(hero.secondary.href)}>
            {hero.secondary.label}
          </a>
        </p>
        {trust && (
          <ul class="trust" aria-label={t('landing.trustLabel')}>
            {trust.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <h2 class="countries-title">{t('landing.countriesTitle')}</h2>
        <div id={ISLAND.countries}>
          <CountryList countries={shopConfig().countries} />
        </div>
      </section>
      {features && <Features items={features} />}
      <BuyTiers title={t('landing.pricing')} id="pricing" />
      {steps && <Steps items={steps} />}
      {code && <CodeSample code={code} />}
      {faq && <Faq entries={faq} />}
      {support && <Support support={support} />}
    </>
  );
}
