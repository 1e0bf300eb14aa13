// Cloudflare Turnstile on the sign-in page, only when the shop asks for it: its script is fetched from Cloudflare (the
// one URL it may be loaded from) the first time, and the widget rendered explicitly
// (https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/). The page's CSP allows that origin.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n.ts';

const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  remove(widgetId: string): void;
}

let script: Promise<TurnstileApi> | undefined;

function loadTurnstile(): Promise<TurnstileApi> {
  script ??= new Promise((resolve, reject) => {
    const element = document.createElement('script');
    element.src = SCRIPT;
    element.onload = () => {
      const api = (window as { turnstile?: TurnstileApi }).turnstile;
      if (api) resolve(api);
      else reject(new Error('no turnstile'));
    };
    element.onerror = () => {
      script = undefined;
      reject(new Error('not loaded'));
    };
    document.head.appendChild(element);
  });
  return script;
}

/** The widget of `siteKey`; `onToken` gets the token once the visitor passed (the server checks it). */
export function Turnstile({ siteKey, onToken }: { siteKey: string; onToken: (token: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let widget: string | undefined;
    let api: TurnstileApi | undefined;
    loadTurnstile().then(
      (loaded) => {
        if (!container.current) return;
        api = loaded;
        widget = loaded.render(container.current, {
          sitekey: siteKey,
          action: 'sign-in',
          callback: onToken,
          'error-callback': () => {
            setFailed(true);
            return true;
          },
        });
      },
      () => setFailed(true),
    );
    return () => {
      if (widget) api?.remove(widget);
    };
  }, [siteKey, onToken]);
  return (
    <div>
      <div ref={container} />
      {failed && (
        <p class="error-text" role="alert">
          {t('signin.challengeNotLoaded')}
        </p>
      )}
    </div>
  );
}
