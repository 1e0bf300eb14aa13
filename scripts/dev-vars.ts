// Reads a .dev.vars file (KEY=value lines, # comments) the way wrangler does for simple values.
import { readFileSync } from 'node:fs';

export function readDevVars(file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    vars[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return vars;
}
