// Copies text (or text fetched on demand, e.g. a URL that needs the revealed secret) and says so politely.

import { useState } from 'preact/hooks';
import { t } from '../i18n.ts';
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
    if (!ok) throw new Error(t('site.copyBlocked'));
  }
}

export function CopyButton({
  text,
  label,
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
      if (!value) throw new Error(t('site.copyFixFirst'));
      await writeClipboard(value);
      setState('done');
      announce(t('site.copiedWhat', { what }));
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
      aria-label={label === undefined ? t('site.copyWhat', { what }) : undefined}
    >
      {state === 'done' ? t('site.copied') : (label ?? t('site.copy'))}
    </button>
  );
}
