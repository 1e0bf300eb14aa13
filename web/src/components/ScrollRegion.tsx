// A box that scrolls sideways on narrow screens (a table, a code sample). Keyboard users must be able to scroll it
// too (WCAG 2.1.1), so it is a named group in the tab order: a group, not a region, since it often sits in a section
// of the same name, and two landmarks must not share one.
import type { ComponentChildren } from 'preact';

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

/** A code sample, shown as written, that scrolls rather than wraps. */
export function CodeBlock({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <ScrollRegion class="code" label={label}>
      <pre>
        <code>{children}</code>
      </pre>
    </ScrollRegion>
  );
}
