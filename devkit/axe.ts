// axe-core in a real page: every rule axe runs by default (WCAG 2.x A/AA and its best practices), one line per
// violation. The browser tests assert none; `npm run audit` counts them per page and width.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** `rule (impact): what — where` for each violation on the page as it is now; empty when axe finds nothing. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => {
    const where = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(', ');
    return `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.length} × ${where}`;
  });
}
