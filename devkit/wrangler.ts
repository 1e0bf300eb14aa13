// Running wrangler (and the other npm tools) from a script: offline-quiet, and failing loudly.
import { spawnSync } from 'node:child_process';

/** The environment with wrangler's network noise off: no `cf` object fetch, no metrics. */
export const quietEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
});

/** Runs `command args` to the end with `quietEnv()` (plus `env`); throws with its output when it fails. */
export function runOrThrow(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...quietEnv(), ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
