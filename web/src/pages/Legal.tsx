// /terms and /privacy: the shop's text (from BRAND.legal, or a generic one), rendered from a markdown-ish string
// into elements (never as HTML).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LegalDocument } from '../../../src/shared/dashboard.ts';
import { api, read } from '../api.ts';

/** `# ` / `## ` headings, `- ` list items, other lines as paragraphs (blank lines separate them). */
export function renderText(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let items: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(<p key={out.length}>{paragraph.join(' ')}</p>);
    if (items.length)
      out.push(
        <ul key={out.length}>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
    paragraph = [];
    items = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith('#')) {
      flush();
      const level = line.startsWith('##') ? 3 : 2;
      const title = line.replace(/^#+\s*/, '');
      out.push(level === 2 ? <h2 key={out.length}>{title}</h2> : <h3 key={out.length}>{title}</h3>);
    } else if (/^[-*]\s/.test(line)) {
      if (paragraph.length) flush();
      items.push(line.slice(2).trim());
    } else {
      if (items.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

export function Legal({ doc }: { doc: 'terms' | 'privacy' }) {
  const [value, setValue] = useState<LegalDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setValue(null);
    read(api.legal[':doc'].$get({ param: { doc } })).then(setValue, (err: Error) => setError(err.message));
  }, [doc]);
  useEffect(() => heading.current?.focus(), [value?.title]);
  return (
    <article class="legal" aria-busy={!value && !error}>
      <h1 ref={heading} tabIndex={-1}>
        {value?.title ?? (doc === 'terms' ? 'Terms of service' : 'Privacy policy')}
      </h1>
      {error && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
      {value ? renderText(value.text) : !error && <p class="muted">Loading…</p>}
    </article>
  );
}
