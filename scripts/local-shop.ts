// Starts `npm run dev` (shop + simulators) on given ports with a fresh local state: for browser tests and benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningShop {
  /** The local D1/KV/Queue state folder (`--persist-to` for wrangler commands against this shop). */
  stateDir: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Waits until no process of the group `pgid` is left (killing what is still there after 10 s). */
async function groupGone(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // all gone
  }
}

/**
 * `npm run dev` on the given ports with an empty D1/KV/Queue state folder; stop() ends it and removes the state.
 * `env` adds to the environment (e.g. DEV_ENTRY).
 */
export async function startLocalShop(
  shopPort: number,
  simPort: number,
  env: Record<string, string> = {},
): Promise<RunningShop> {
  const shop = `http://localhost:${shopPort}`;
  const sim = `http://127.0.0.1:${simPort}`;
  const state = mkdtempSync(join(tmpdir(), 'shop-local-'));
  const log: string[] = [];
  const child = spawn('npm', ['run', 'dev'], {
    env: { ...process.env, ...env, PORT: String(shopPort), SIM_PORT: String(simPort), DEV_PERSIST_DIR: state },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  try {
    await waitFor(`${shop}/api/healthz`, child);
    await waitFor(`${sim}/_sim/calls`, child);
  } catch (err) {
    console.error(log.join(''));
    throw err;
  }
  return {
    stateDir: state,
    async stop() {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => child.once('exit', r).once('error', r));
      // npm exits before wrangler's workerd lets go of the ports: the next shop on them would fail to listen.
      if (child.pid) await groupGone(child.pid);
      rmSync(state, { recursive: true, force: true });
    },
  };
}
