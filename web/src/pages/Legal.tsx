// /terms and /privacy: the shop's text (content/legal/, or a generic one), rendered by the Worker from a
// markdown-ish string into elements (never as HTML).
import type { ComponentChildren } from 'preact';
import type { LegalDocument } from '../../../src/shared/dashboard.ts';

/** `# ` / `## ` headings (the text's top level becomes h2 under the page's h1, so no level is skipped), `- ` list
 * items, other lines as paragraphs (blank lines separate them). Each element is keyed by the line it starts on. */
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
  const level = (line: string) => /^#+/.exec(line)?.[0].length ?? 0;
  const top = Math.min(...lines.map((l) => level(l.trim())).filter((n) => n > 0));
  for (let line = 0; line < lines.length; line++) {
    const trimmed = lines[line]?.trim();
    if (!trimmed) flush();
    else if (trimmed.startsWith('#')) {
      flush();
      const title = trimmed.replace(/^#+\s*/, '');
      out.push(level(trimmed) > top ? <h3 key={line}>{title}</h3> : <h2 key={line}>{title}</h2>);
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

export function Legal({ doc }: { doc: LegalDocument }) {
  return (
    <article class="legal">
      <h1>{doc.title}</h1>
      {renderText(doc.text)}
    </article>
  );
}
