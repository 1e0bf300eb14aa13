// A box that scrolls sideways on narrow screens (a table, a code sample). Keyboard users must be able to scroll it
// too (WCAG 2.1.1), so it is a named region in the tab order.
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
    <section class={className} aria-label={label} tabIndex={0}>
      {children}
    </section>
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
