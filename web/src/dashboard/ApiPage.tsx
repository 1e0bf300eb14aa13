// /dashboard/api (its own chunk, fetched when opened): the customer's personal access tokens (ApiTokens.tsx) and
// copy-ready curl / Python calls of the customer API, with a link to its reference page.
import { Announcer } from '../components/Announcer.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
import { rich, t } from '../i18n.ts';
import { customer } from '../state/session.ts';
import { ApiTokens } from './ApiTokens.tsx';

function examples(origin: string): [language: string, code: string][] {
  return [
    [
      'curl',
      `export TOKEN=pst_…   # your token\ncurl -H "Authorization: Bearer $TOKEN" '${origin}/api/v1/proxy-urls?country=de&count=5&format=txt'`,
    ],
    [
      'Python',
      `import os, requests\n\nr = requests.get(\n    "${origin}/api/v1/proxy-urls",\n    params={"country": "de", "count": 5},\n    headers={"Authorization": f"Bearer {os.environ['TOKEN']}"},\n)\nr.raise_for_status()\nproxies = [u["url"] for u in r.json()["urls"]]`,
    ],
  ];
}

export function ApiPage() {
  if (!customer.value) return <PageLoading />;
  return (
    <div class="dashboard stack">
      <h1>{t('title.api')}</h1>
      <Announcer />
      <p>
        {rich('api.intro', {
          reference: <a href="/api/v1/docs">{t('api.reference')}</a>,
          back: <a href="/dashboard">{t('api.back')}</a>,
        })}
      </p>
      <ApiTokens />
      <section class="card stack" aria-labelledby="examples-title">
        <h2 id="examples-title">{t('api.examples')}</h2>
        {examples(location.origin).map(([language, code]) => (
          <div key={language}>
            <h3>{language}</h3>
            <CodeBlock label={t('snippets.example', { language })}>{code}</CodeBlock>
            <CopyButton text={code} what={t('snippets.example', { language })} />
          </div>
        ))}
      </section>
    </div>
  );
}
