// Starts `npm run dev` (shop + simulators) on given ports with a fresh local state: for browser tests and benchmarks.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPorts, portReleased } from './ports.ts';
import { waitFor } from './until.ts';
import { runOrThrow } from './wrangler.ts';

export interface RunningShop {
  /** The local D1/KV/Queue state folder (`--persist-to` for wrangler commands against this shop). */
  stateDir: string;
  /** Runs `sql` on this shop's local D1 (`wrangler d1 execute --local`); the rows a select returns. */
  d1<Row = Record<string, unknown>>(sql: string): Row[];
  stop(): Promise<void>;
}

/** Whether any process of the group `pgid` is still there. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no process of the group `pgid` is left (killing what is still there after 10 s). */
async function groupGone(pgid: number): Promise<void> {
  await waitFor(() => !groupAlive(pgid), { timeoutMs: 10_000, intervalMs: 100 }).catch(() => undefined);
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // all gone
  }
}

/**
 * `npm run dev` on the given ports with an empty D1/KV/Queue state folder; stop() ends it, waits until both ports are
 * free again (the next shop on them would fail to listen) and removes the state. `env` adds to the environment
 * (e.g. DEV_ENTRY).
 */
export async function startLocalShop(ports: LocalPorts, env: Record<string, string> = {}): Promise<RunningShop> {
  const state = mkdtempSync(join(tmpdir(), 'shop-local-'));
  const log: string[] = [];
  const child = spawn('npm', ['run', 'dev'], {
    env: { ...process.env, ...env, PORT: String(ports.shop), SIM_PORT: String(ports.sim), DEV_PERSIST_DIR: state },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  const answers = async (url: string) => {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}`);
    return fetch(url).then(
      (res) => res.ok,
      () => false,
    );
  };
  try {
    for (const url of [`http://127.0.0.1:${ports.shop}/api/healthz`, `http://127.0.0.1:${ports.sim}/_sim/calls`])
      await waitFor(() => answers(url), { timeoutMs: 90_000, intervalMs: 250, what: `an answer from ${url}` });
  } catch (err) {
    console.error(log.join(''));
    throw err;
  }
  return {
    stateDir: state,
    d1<Row>(sql: string) {
      const args = ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql];
      const out = runOrThrow('npx', args);
      return (JSON.parse(out) as { results: Row[] }[]).flatMap((statement) => statement.results);
    },
    async stop() {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => child.once('exit', r).once('error', r));
      // npm exits before wrangler's workerd lets go of the ports.
      if (child.pid) await groupGone(child.pid);
      await portReleased(ports.shop);
      await portReleased(ports.sim);
      rmSync(state, { recursive: true, force: true });
    },
  };
}
