// A long token (an e-mail address, an id, a URL, JSON) that may wrap only after its punctuation, never inside a
// word: `shopper@<wbr>example.<wbr>com`.
import type { ComponentChildren } from 'preact';

const AFTER_PUNCTUATION = /(?<=[@.:\-_/,=&?…])/;

export function Breakable({ text }: { text: string }) {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const part of text.split(AFTER_PUNCTUATION)) {
    if (at) out.push(<wbr key={at} />);
    out.push(part);
    at += part.length;
  }
  return <>{out}</>;
}
