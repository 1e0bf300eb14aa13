// Reads a .dev.vars file (KEY=value lines, # comments) the way wrangler does for simple values.
import { readFileSync } from 'node:fs';

export function readDevVars(file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [, name, value = ''] = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line) ?? [];
    if (!name || line.trimStart().startsWith('#')) continue;
    vars[name] = value.replace(/^(["'])(.*)\1$/, '$2');
  }
  return vars;
}
