// /terms and /privacy: the shop's text (from BRAND.legal, or a generic one), rendered from a markdown-ish string
// into elements (never as HTML).
import type { ComponentChildren } from 'preact';
import { focusOnMount } from '../components/focus.ts';
import { LoadState } from '../components/LoadState.tsx';
import { legalDocument } from '../state/config.ts';
import { useResource } from '../state/resource.ts';

/** `# ` / `## ` headings, `- ` list items, other lines as paragraphs (blank lines separate them). Each element is
 * keyed by the line it starts on. */
export function renderText(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let items: { line: number; text: string }[] = [];
  let paragraph: string[] = [];
  let startedAt = 0;
  const flush = () => {
    if (paragraph.length) out.push(<p key={startedAt}>{paragraph.join(' ')}</p>);
    if (items.length)
      out.push(
        <ul key={items[0]?.line}>
          {items.map((item) => (
            <li key={item.line}>{item.text}</li>
          ))}
        </ul>,
      );
    paragraph = [];
    items = [];
  };
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const trimmed = lines[line]?.trim();
    if (!trimmed) flush();
    else if (trimmed.startsWith('#')) {
      flush();
      const title = trimmed.replace(/^#+\s*/, '');
      out.push(trimmed.startsWith('##') ? <h3 key={line}>{title}</h3> : <h2 key={line}>{title}</h2>);
    } else if (/^[-*]\s/.test(trimmed)) {
      if (paragraph.length) flush();
      items.push({ line, text: trimmed.slice(2).trim() });
    } else {
      if (items.length) flush();
      if (!paragraph.length) startedAt = line;
      paragraph.push(trimmed);
    }
  }
  flush();
  return out;
}

export function Legal({ doc }: { doc: 'terms' | 'privacy' }) {
  const legal = useResource(legalDocument, doc);
  const title = legal.data.value?.title ?? (doc === 'terms' ? 'Terms of service' : 'Privacy policy');
  return (
    <article class="legal" aria-busy={legal.loading.value}>
      <h1 key={title} ref={focusOnMount} tabIndex={-1}>
        {title}
      </h1>
      <LoadState state={legal}>{(value) => renderText(value.text)}</LoadState>
    </article>
  );
}
