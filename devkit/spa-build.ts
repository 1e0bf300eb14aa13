// Builds the SPA into dist/web (`vite build`): the Worker renders its pages from there through the ASSETS binding, and
// the size and secret checks read it.
import { spawnSync } from 'node:child_process';

/** Where `vite build` writes the SPA. */
export const SPA_OUT = 'dist/web';

/** `vite build` into dist/web; throws when it fails. */
export function buildSpa(): void {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}
