// Copies text (or text fetched on demand, e.g. a URL that needs the revealed secret) and says so politely.
import { useState } from 'preact/hooks';
import { announce } from '../state/announce.ts';

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older browsers or a denied permission: the classic selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('Copying is blocked in this browser: select the text and copy it by hand.');
  }
}

export function CopyButton({
  text,
  label = 'Copy',
  what,
  class: className = 'secondary',
  disabled = false,
  describedBy,
}: {
  text: string | (() => Promise<string | null>);
  label?: string;
  what: string;
  class?: string;
  /** Nothing to copy yet; `describedBy` names the element that says why. */
  disabled?: boolean;
  describedBy?: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  async function copy() {
    setState('busy');
    try {
      const value = typeof text === 'string' ? text : await text();
      if (!value) throw new Error('Fix the highlighted field first.');
      await writeClipboard(value);
      setState('done');
      announce(`${what} copied to the clipboard.`);
      setTimeout(() => setState('idle'), 2000);
    } catch (err) {
      setState('idle');
      announce((err as Error).message);
    }
  }
  return (
    <button
      type="button"
      class={`copy ${className}`}
      onClick={copy}
      disabled={disabled || state === 'busy'}
      aria-describedby={describedBy}
      aria-label={label === 'Copy' ? `Copy ${what.toLowerCase()}` : undefined}
    >
      {state === 'done' ? 'Copied ✓' : label}
    </button>
  );
}
