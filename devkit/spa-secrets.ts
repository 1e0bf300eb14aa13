// The built SPA must hold no secret: neither a secret's name (from the config schema) nor a development secret value
// (from .dev.vars.example). Read by `npm run bench:spa` and the browser tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_NAMES } from '../src/config/schema.ts';
import { readDevVars } from './dev-vars.ts';
import { SPA_OUT } from './spa-build.ts';

/** Values this short are no secret worth finding (and would match by chance). */
const MIN_VALUE_LENGTH = 8;

/** `file: what` for each secret name and development secret value found in the built SPA under `distDir`. */
export function secretLeaks(distDir = SPA_OUT): string[] {
  const devVars = readDevVars('.dev.vars.example');
  const devValues = SECRET_NAMES.flatMap((name) => {
    const value = devVars[name] ?? '';
    return value.length >= MIN_VALUE_LENGTH ? [{ label: `the development value of ${name}`, value }] : [];
  });
  const needles = [...SECRET_NAMES.map((name) => ({ label: name, value: name })), ...devValues];
  const files = (sub: string): string[] =>
    readdirSync(join(distDir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(sub, e.name)) : [join(sub, e.name)],
    );
  const leaks: string[] = [];
  for (const file of files('')) {
    const text = readFileSync(join(distDir, file), 'latin1');
    for (const { label, value } of needles) if (text.includes(value)) leaks.push(`${file}: ${label}`);
  }
  return leaks;
}
