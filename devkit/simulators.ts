// Runs the simulators (sim/) as programs of their own, the way `npm run sim` does, and hands back their address: the
// tools talk to them over HTTP, as the shop does, and never share their memory.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `node <entry>` with `env` added and waits for the `{ url }` it sends once it listens. The child leaves when
 * this process does (its IPC channel closes), so a crashed tool leaves no simulator behind.
 */
function startServer(entry: string, env: Record<string, string>): Promise<RunningServer> {
  const child = fork(fileURLToPath(new URL(`../${entry}`, import.meta.url)), [], {
    env: { ...process.env, ...env },
    execArgv: [],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url?: string }) => {
      if (message.url) resolve({ url: message.url, stop });
      else reject(new Error(`${entry} sent ${JSON.stringify(message)} instead of its address`));
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it listened`)));
    child.once('error', reject);
  });
}

/** The Proxies.sx, Stripe and mail simulators (sim/server.ts) on `port` (0: any free one). */
export function startSimulators(port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer('sim/server.ts', { ...env, SIM_PORT: String(port) });
}

/** The local Cloudflare API (sim/cloudflare/server.ts) on `port` (0: any free one); its `url` is the server's root. */
export function startCloudflareSimulator(port: number): Promise<RunningServer> {
  return startServer('sim/cloudflare/server.ts', { CF_SIM_PORT: String(port) });
}

/**
 * The server's side of the start: a simulator started by `startServer` sends its address once it listens (its tool
 * says where it is), and leaves when that tool is gone. False when it was started from a terminal: it says so itself.
 */
export function announceListening(url: string): boolean {
  if (!process.send) return false;
  process.send({ url });
  process.once('disconnect', () => process.exit(0));
  return true;
}
