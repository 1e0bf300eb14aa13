// The project as a reseller has it before their first deploy: a copy of the repository's files (not its build, local
// state or logs) with node_modules linked. The rehearsal edits its wrangler.toml as a reseller does (their own
// addresses for the template's example.com ones; a var too big, to see it refused) and the deploy writes its ids
// into it, all without touching the working tree it was started from.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The reseller's own domain in the rehearsal: any name but the ones reserved for examples, which production refuses. */
export const OWN_DOMAIN = 'acme-proxies.com';

export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-rehearsal-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(file));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(file, join(dir, file));
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  if (existsSync('.tools/node_modules')) symlinkSync(resolve('.tools/node_modules'), join(dir, '.tools/node_modules'));
  return dir;
}

const editToml = (edit: (toml: string) => string) =>
  writeFileSync('wrangler.toml', edit(readFileSync('wrangler.toml', 'utf8')));

/** wrangler.toml's template addresses replaced by the reseller's own, as the README's Deploy section asks. */
export function fillInOwnAddresses(): void {
  editToml((toml) =>
    toml.replaceAll('shop.example.com', `shop.${OWN_DOMAIN}`).replaceAll('@example.com', `@${OWN_DOMAIN}`),
  );
}

/** Sets a var in wrangler.toml (a ''' multi-line ''' value or a "string" one); returns the text it had. */
export function setVar(name: string, value: string): string {
  let previous = '';
  editToml((toml) => {
    const pattern = new RegExp(`^${name} = ('''[\\s\\S]*?'''|"[^"\\n]*")$`, 'm');
    previous = pattern.exec(toml)?.[1] ?? '';
    return toml.replace(pattern, () => `${name} = '''${value}'''`);
  });
  return previous;
}

/** Puts back a var's text as setVar found it. */
export function restoreVar(name: string, text: string): void {
  editToml((toml) => toml.replace(new RegExp(`^${name} = '''[\\s\\S]*?'''$`, 'm'), () => `${name} = ${text}`));
}

/** The id wrangler.toml's [[kv_namespaces]] entry of `binding` holds, if any. */
export function namespaceIdIn(binding: string): string | undefined {
  const toml = readFileSync('wrangler.toml', 'utf8');
  const block =
    toml
      .split('[[kv_namespaces]]')
      .slice(1)
      .find((b) => b.includes(`"${binding}"`)) ?? '';
  return /^\s*id\s*=\s*"([^"]+)"/m.exec(block.split(/\n\[/)[0] ?? '')?.[1];
}
