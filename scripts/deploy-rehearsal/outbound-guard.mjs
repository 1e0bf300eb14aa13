// Loaded into every Node process of the deploy rehearsal (NODE_OPTIONS=--import): each outbound TCP connection is
// appended to REHEARSAL_OUTBOUND_LOG, and one to anything but REHEARSAL_OUTBOUND_ALLOW (host:port of the local
// Cloudflare API) is refused, as is looking up any other host name. Sockets are the layer under fetch, undici,
// http and https, so nothing passes by unseen.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const allowed = new Set((process.env.REHEARSAL_OUTBOUND_ALLOW ?? '').split(',').filter(Boolean));
const logFile = process.env.REHEARSAL_OUTBOUND_LOG;
const record = (entry) =>
  logFile &&
  appendFileSync(logFile, `${JSON.stringify({ ...entry, pid: process.pid, argv: process.argv.slice(1, 3) })}\n`);

/** host and port of any Socket#connect call form; undefined for a local (IPC) socket path. */
function target(args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first && typeof first === 'object')
    return first.path ? undefined : { host: first.host ?? 'localhost', port: first.port };
  if (typeof first === 'number' || /^\d+$/.test(String(first)))
    return { host: typeof second === 'string' ? second : 'localhost', port: Number(first) };
  return undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const to = target(args);
  if (!to) return connect.apply(this, args);
  const address = `${to.host}:${to.port}`;
  const ok = allowed.has(address);
  record({ kind: 'connect', address, allowed: ok });
  if (ok) return connect.apply(this, args);
  const refusal = Object.assign(new Error(`the deploy rehearsal refused a connection to ${address}`), {
    code: 'ECONNREFUSED',
  });
  process.nextTick(() => this.destroy(refusal));
  return this;
};

// A lookup would already tell a resolver which host is wanted: refuse those too ('localhost' resolves locally).
const allowedHosts = new Set(['localhost', ...[...allowed].map((address) => address.replace(/:\d+$/, ''))]);
for (const api of [dns, dns.promises]) {
  const lookup = api.lookup;
  api.lookup = function guardedLookup(hostname, ...rest) {
    if (allowedHosts.has(hostname)) return lookup.call(this, hostname, ...rest);
    record({ kind: 'lookup', address: hostname, allowed: false });
    const refusal = Object.assign(new Error(`the deploy rehearsal refused to look up ${hostname}`), {
      code: 'ENOTFOUND',
    });
    if (api === dns.promises) return Promise.reject(refusal);
    const callback = rest.at(-1);
    process.nextTick(() => callback(refusal));
  };
}
