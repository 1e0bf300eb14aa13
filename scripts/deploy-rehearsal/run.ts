// Runs the project's real commands against the local Cloudflare API: wrangler gets the simulator as its API, a
// fresh account's token, and the outbound guard in every Node process. Each run returns its exit status, its
// output (also appended to the log file) and the API calls it made.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApiCall, CloudflareControls } from '../../devkit/cloudflare-controls.ts';
import { quietEnv } from '../../devkit/wrangler.ts';

export interface CommandResult {
  status: number;
  output: string;
  calls: ApiCall[];
  ms: number;
}

export interface OutboundConnection {
  kind: 'connect' | 'lookup';
  address: string;
  allowed: boolean;
  argv: string[];
}

const GUARD = fileURLToPath(new URL('./outbound-guard.mjs', import.meta.url));
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters
const ANSI = /\u001b\[[0-9;]*m/g;

export class RehearsalRunner {
  private readonly env: NodeJS.ProcessEnv;
  private readonly controls: CloudflareControls;
  private readonly logFile: string;
  private readonly outboundLog: string;

  /** `apiUrl`: the local Cloudflare API's root; `controls`: its test controls. */
  constructor(
    apiUrl: string,
    controls: CloudflareControls,
    account: { accountId: string; token: string },
    logFile: string,
    outboundLog: string,
  ) {
    this.controls = controls;
    this.logFile = logFile;
    this.outboundLog = outboundLog;
    writeFileSync(logFile, '');
    writeFileSync(outboundLog, '');
    const { CLOUDFLARE_API_KEY: _key, CLOUDFLARE_EMAIL: _email, ...inherited } = quietEnv();
    this.env = {
      ...inherited,
      CLOUDFLARE_API_BASE_URL: `${apiUrl}/client/v4`,
      CLOUDFLARE_API_TOKEN: account.token,
      CLOUDFLARE_ACCOUNT_ID: account.accountId,
      CI: 'true',
      NO_COLOR: '1',
      npm_config_update_notifier: 'false',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${GUARD}`.trim(),
      REHEARSAL_OUTBOUND_LOG: outboundLog,
      REHEARSAL_OUTBOUND_ALLOW: new URL(apiUrl).host,
    };
  }

  /** Runs `command args` in the project with `input` on stdin; never throws on a failing exit. */
  async run(command: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    const startedAt = performance.now();
    const firstCall = (await this.controls.calls()).length;
    appendFileSync(this.logFile, `\n$ ${command} ${args.join(' ')}\n`);
    const { status, output } = await new Promise<{ status: number; output: string }>((resolve) => {
      const child = spawn(command, args, { env: { ...this.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += String(chunk).replace(ANSI, '');
        appendFileSync(this.logFile, chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.stdin.end(input);
      child.on('close', (code) => resolve({ status: code ?? 1, output }));
    });
    return { status, output, calls: (await this.controls.calls()).slice(firstCall), ms: performance.now() - startedAt };
  }

  outboundConnections(): OutboundConnection[] {
    return readFileSync(this.outboundLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OutboundConnection);
  }
}

/** The last lines of a command's output, to show why a step went another way than expected. */
export const tail = (output: string, lines = 8): string =>
  output
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `      │ ${line}`)
    .join('\n');
