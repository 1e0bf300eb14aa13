// Ready-to-paste code for the built URL: curl, Python requests and Node. Shown with the key masked (unless
// revealed); copied with the real key.
import { useState } from 'preact/hooks';
import { CopyButton } from '../components/CopyButton.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { t } from '../i18n.ts';
import { built, protocol, realUrl } from '../state/builder.ts';

const TEST_URL = 'https://api.ipify.org';
type Language = 'curl' | 'python' | 'node';
const LANGUAGES: Record<Language, string> = { curl: 'curl', python: 'Python', node: 'Node.js' };

function snippet(language: Language, url: string, socks: boolean): string {
  switch (language) {
    case 'curl':
      return `curl -x '${url}' ${TEST_URL}`;
    case 'python':
      return [
        ...(socks ? ['# pip install "requests[socks]"'] : ['# pip install requests']),
        'import requests',
        '',
        `proxy = "${url}"`,
        `r = requests.get("${TEST_URL}", proxies={"http": proxy, "https": proxy}, timeout=30)`,
        'print(r.text)',
      ].join('\n');
    case 'node':
      return socks
        ? [
            '// npm i socks-proxy-agent',
            "import https from 'node:https';",
            "import { SocksProxyAgent } from 'socks-proxy-agent';",
            '',
            `const agent = new SocksProxyAgent('${url}');`,
            `https.get('${TEST_URL}', { agent }, (res) => res.pipe(process.stdout));`,
          ].join('\n')
        : [
            '// npm i undici',
            "import { fetch, ProxyAgent } from 'undici';",
            '',
            `const res = await fetch('${TEST_URL}', { dispatcher: new ProxyAgent('${url}') });`,
            'console.log(await res.text());',
          ].join('\n');
  }
}

export function Snippets() {
  const [language, setLanguage] = useState<Language>('curl');
  const result = built.value;
  if (!result?.ok) return null;
  const socks = protocol.value === 'socks5';
  const label = LANGUAGES[language];
  return (
    <div class="snippets">
      <fieldset class="seg" aria-label={t('snippets.language')}>
        {(Object.keys(LANGUAGES) as Language[]).map((id) => (
          <button
            key={id}
            type="button"
            class={language === id ? '' : 'secondary'}
            aria-pressed={language === id}
            onClick={() => setLanguage(id)}
          >
            {LANGUAGES[id]}
          </button>
        ))}
      </fieldset>
      <CodeBlock label={t('snippets.example', { language: label })}>{snippet(language, result.url, socks)}</CodeBlock>
      <CopyButton
        text={async () => {
          const url = await realUrl();
          return url && snippet(language, url, socks);
        }}
        what={t('snippets.example', { language: label })}
      />
    </div>
  );
}
