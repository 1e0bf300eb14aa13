// `npm run smoke`: checks the real platform with the reseller's own keys — mint a 1 GB key, print its proxy
// URL, fetch an IP-echo service through the gateway, delete the key. Never part of the tests (no network there).
//   PROXIES_SX_API_KEY=psx_… PROXIES_SX_USERNAME=psx_yourname npm run smoke
// Optional: PROXIES_SX_API_URL, GATEWAY_HOST, SMOKE_COUNTRY (default us), SMOKE_ECHO_URL (default https://api.ipify.org).
import { spawnSync } from 'node:child_process';
import { createLogger } from '../src/log.ts';
import { createPoolClient } from '../src/pool/client.ts';
import { buildProxyUrl } from '../src/shared/proxy-url.ts';

const apiKey = process.env.PROXIES_SX_API_KEY;
const username = process.env.PROXIES_SX_USERNAME;
if (!apiKey || !username) {
  console.error('Set PROXIES_SX_API_KEY and PROXIES_SX_USERNAME (your reseller API key and public username).');
  process.exit(2);
}
const apiUrl = (process.env.PROXIES_SX_API_URL ?? 'https://api.proxies.sx/v1').replace(/\/+$/, '');
const host = process.env.GATEWAY_HOST ?? 'gw.proxies.sx';
const country = process.env.SMOKE_COUNTRY ?? 'us';
const echoUrl = process.env.SMOKE_ECHO_URL ?? 'https://api.ipify.org';

const client = createPoolClient({
  config: { apiUrl, apiKey },
  log: createLogger({ script: 'smoke' }),
  userAgent: 'proxy-storefront-smoke',
});
let failures = 0;

async function step<T>(title: string, run: () => Promise<T> | T): Promise<T | undefined> {
  try {
    const value = await run();
    console.log(`✓ ${title}`);
    return value;
  } catch (err) {
    failures++;
    console.error(`✗ ${title}: ${(err as Error).message}`);
    return undefined;
  }
}

const key = await step(`mint a 1 GB key on ${apiUrl}`, () =>
  client.mintKey(
    {
      label: `smoke-${new Date().toISOString()}`,
      trafficCapGB: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    { idempotencyKey: `smoke-${Date.now()}` },
  ),
);
if (key) {
  const proxy = buildProxyUrl({ host, username, key: key.key, pool: 'mbl', country });
  if (!proxy.ok) {
    failures++;
    console.error(`✗ build the proxy URL: ${proxy.error.field}: ${proxy.error.message}`);
  } else {
    console.log(`  proxy URL: ${proxy.url.replace(encodeURIComponent(key.key), `${key.key.slice(0, 8)}…`)}`);
    await step(`fetch ${echoUrl} through the gateway (${country} mobile)`, () => {
      const curl = spawnSync('curl', ['-sS', '--max-time', '30', '-x', proxy.url, echoUrl], { encoding: 'utf8' });
      if (curl.error) throw new Error(`curl is needed for this step (${curl.error.message})`);
      if (curl.status !== 0) throw new Error(curl.stderr.trim() || `curl exited ${curl.status}`);
      console.log(`  exit IP: ${curl.stdout.trim()}`);
    });
  }
  await step('delete the key', () => client.deleteKey(key.id));
}
console.log(failures ? `\n✗ smoke test failed (${failures} step${failures > 1 ? 's' : ''})` : '\n✓ smoke test passed');
process.exit(failures ? 1 : 0);
