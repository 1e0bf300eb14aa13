// The landing page's sections below the hero, each from the shop's LandingContent (shown only when set).

import type { ComponentChildren } from 'preact';
import type { FaqEntry, LandingContent, LandingItem } from '../../../src/shared/landing.ts';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { t } from '../i18n.ts';

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Titled items: features as a list, steps as a numbered one. */
function Items({ items, ordered, class: className }: { items: LandingItem[]; ordered?: boolean; class: string }) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <List class={className}>
      {items.map((item) => (
        <li key={item.title}>
          <h3>{item.title}</h3>
          <p>{item.text}</p>
        </li>
      ))}
    </List>
  );
}

export function Features({ items }: { items: LandingItem[] }) {
  return (
    <Section id="features" title={t('landing.features')}>
      <Items items={items} class="features" />
    </Section>
  );
}

export function Steps({ items }: { items: LandingItem[] }) {
  return (
    <Section id="how-it-works" title={t('landing.steps')}>
      <Items items={items} ordered class="steps" />
    </Section>
  );
}

export function CodeSample({ code }: { code: NonNullable<LandingContent['code']> }) {
  return (
    <Section id="example" title={t('landing.example')}>
      <p>{code.intro}</p>
      <CodeBlock label={t('landing.exampleLabel')}>{code.sample}</CodeBlock>
    </Section>
  );
}

export function Faq({ entries }: { entries: FaqEntry[] }) {
  return (
    <Section id="faq" title={t('landing.faq')}>
      <div class="faq">
        {entries.map((entry) => (
          <details key={entry.question}>
            <summary>{entry.question}</summary>
            <p>{entry.answer}</p>
          </details>
        ))}
      </div>
    </Section>
  );
}

export function Support({ support }: { support: NonNullable<LandingContent['support']> }) {
  return (
    <Section id="support" title={t('landing.support')}>
      <p>
        {support.text} <a href={`mailto:${support.email}`}>{support.email}</a>
      </p>
    </Section>
  );
}
