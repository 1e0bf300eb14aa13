// /dashboard/api (its own chunk, fetched when opened): the customer's personal access tokens (ApiTokens.tsx) and
// copy-ready curl / Python calls of the customer API, with a link to its reference page.
import { Announcer } from '../components/Announcer.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { PageLoading } from '../components/Skeleton.tsx';
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
      <h1>API</h1>
      <Announcer />
      <p>
        Scripts can fetch proxy URLs, usage and sessions with a token instead of this dashboard. The{' '}
        <a href="/api/v1/docs">API reference</a> lists every call. <a href="/dashboard">Back to the dashboard</a>
      </p>
      <ApiTokens />
      <section class="card stack" aria-labelledby="examples-title">
        <h2 id="examples-title">Examples</h2>
        {examples(location.origin).map(([language, code]) => (
          <div key={language}>
            <h3>{language}</h3>
            <CodeBlock label={`${language} example`}>{code}</CodeBlock>
            <CopyButton text={code} what={`${language} example`} />
          </div>
        ))}
      </section>
    </div>
  );
}
