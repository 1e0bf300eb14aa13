// DNS rebinding: a page on another name that resolves to 127.0.0.1 must not read the simulators (the outbox holds
// sign-in links). Each simulator program answers 127.0.0.1 and localhost on its own port, and refuses every other Host.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { type RunningServer, startCloudflareSimulator, startSimulators } from '../devkit/simulators.ts';

let sims: RunningServer;
let cloudflare: RunningServer;

before(async () => {
  [sims, cloudflare] = await Promise.all([startSimulators(0), startCloudflareSimulator(0)]);
});
after(() => Promise.all([sims.stop(), cloudflare.stop()]));

/** GETs `path` from the server at `url` with `host` in the Host header, the way a rebound browser page would. */
function getAs(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

const portOf = (url: string) => new URL(url).port;

test('the outbox answers 127.0.0.1 and localhost on its port', async () => {
  for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST']) {
    const res = await getAs(sims.url, '/_sim/outbox', `${name}:${portOf(sims.url)}`);
    assert.equal(res.status, 200, name);
    assert.deepEqual(JSON.parse(res.body), []);
  }
});

test('the outbox refuses another name, and its own names on another port', async () => {
  for (const host of [
    `rebind.attacker.example:${portOf(sims.url)}`,
    'rebind.attacker.example',
    `127.0.0.1.attacker.example:${portOf(sims.url)}`,
    '127.0.0.1',
    `localhost:${Number(portOf(sims.url)) + 1}`,
  ]) {
    const res = await getAs(sims.url, '/_sim/outbox', host);
    assert.equal(res.status, 421, host);
    assert.doesNotMatch(res.body, /\[/, host);
  }
});

test('the Cloudflare API simulator answers only its own names too', async () => {
  const own = await getAs(cloudflare.url, '/_sim/cloudflare/calls', `127.0.0.1:${portOf(cloudflare.url)}`);
  assert.equal(own.status, 200);
  const rebound = await getAs(
    cloudflare.url,
    '/_sim/cloudflare/calls',
    `rebind.attacker.example:${portOf(cloudflare.url)}`,
  );
  assert.equal(rebound.status, 421);
});
