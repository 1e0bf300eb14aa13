// A box that scrolls sideways when it must (a wide table on a wide screen). Keyboard users must be able to scroll it
// too (WCAG 2.1.1), so it is a named group in the tab order: a group, not a region, since it often sits in a section
// of the same name, and two landmarks must not share one.
import type { ComponentChildren } from 'preact';
import { Breakable } from './Breakable.tsx';

export function ScrollRegion({
  label,
  class: className,
  children,
}: {
  label: string;
  class: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this groups a table or a code sample.
    <div class={className} role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A code sample, named for screen readers. It wraps rather than scrolls (a long URL or token after its punctuation,
 * as Breakable does), so a phone shows all of it; its copy button copies it as written. */
export function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; this names a code sample.
    <div class="code" role="group" aria-label={label}>
      <pre>
        <code>
          <Breakable text={children} />
        </code>
      </pre>
    </div>
  );
}
