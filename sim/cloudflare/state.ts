// What the Cloudflare API simulator holds: accounts (each with its own API token and resources) and the log of
// every call it received. One `CloudflareState` per simulator instance, so a rehearsal starts from nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ApiCall, ApiFault, KvNamespace, Queue, WorkerBinding } from '../../devkit/cloudflare-controls.ts';

export interface WorkerVersion {
  id: string;
  number: number;
  createdOn: string;
  mainModule: string;
  modules: { name: string; contentType: string; size: number }[];
  bindings: WorkerBinding[];
  compatibilityDate?: string;
  compatibilityFlags: string[];
  /** The assets attached to this version: the manifest's path → hash, with the router and asset config. */
  assets?: { files: Record<string, string>; config: Record<string, unknown> };
  annotations?: Record<string, unknown>;
}

export interface WorkerDeployment {
  id: string;
  createdOn: string;
  source: string;
  strategy: 'percentage';
  versions: { version_id: string; percentage: number }[];
}

export interface WorkerScript {
  name: string;
  tag: string;
  createdOn: string;
  modifiedOn: string;
  versions: WorkerVersion[];
  deployments: WorkerDeployment[];
  schedules: { cron: string; created_on: string; modified_on: string }[];
  subdomain: { enabled: boolean; previews_enabled: boolean };
  /** Non-versioned settings (PATCH script-settings): observability, logpush, tail consumers, tags. */
  scriptSettings: Record<string, unknown>;
}

export interface D1Database {
  uuid: string;
  name: string;
  createdAt: string;
  sqlite: DatabaseSync;
}

/** An assets upload session: the hashes the API asked for, and which have arrived. */
export interface AssetsUploadSession {
  scriptName: string;
  manifest: Record<string, { hash: string; size: number }>;
  missing: Set<string>;
}

export interface Account {
  id: string;
  name: string;
  token: string;
  /** The account's workers.dev subdomain, once registered. */
  subdomain?: string;
  scripts: Map<string, WorkerScript>;
  d1: Map<string, D1Database>;
  kv: Map<string, KvNamespace>;
  queues: Map<string, Queue>;
  /** Uploaded asset contents by hash (the upload session dedupes on them). */
  assetFiles: Map<string, { content: Buffer; contentType: string }>;
  uploadSessions: Map<string, AssetsUploadSession>;
  /** Completion tokens handed out after an upload, each for one script's manifest. */
  completedUploads: Map<string, AssetsUploadSession>;
}

export const newId = (): string => randomUUID().replaceAll('-', '');
export const now = (): string => new Date().toISOString();

export class CloudflareState {
  readonly accounts = new Map<string, Account>();
  readonly calls: ApiCall[] = [];
  readonly faults: ApiFault[] = [];
  /** Signs the assets upload tokens (JWTs, which wrangler decodes for their expiry). */
  readonly signingKey = randomBytes(32);

  /** A fresh, empty account with its own API token (as a reseller has after signing up). */
  createAccount(name = 'Reseller account'): Account {
    const account: Account = {
      id: newId(),
      name,
      token: `sim_${randomBytes(24).toString('base64url')}`,
      scripts: new Map(),
      d1: new Map(),
      kv: new Map(),
      queues: new Map(),
      assetFiles: new Map(),
      uploadSessions: new Map(),
      completedUploads: new Map(),
    };
    this.accounts.set(account.id, account);
    return account;
  }

  /** The fault the call `method path` gets, if one is pending (each counts down). */
  takeFault(method: string, path: string): ApiFault | undefined {
    const fault = this.faults.find((f) => f.count > 0 && f.method === method && new RegExp(f.path).test(path));
    if (fault) fault.count--;
    return fault;
  }

  accountForToken(token: string): Account | undefined {
    for (const account of this.accounts.values()) if (account.token === token) return account;
    return undefined;
  }

  reset(): void {
    for (const account of this.accounts.values()) for (const db of account.d1.values()) db.sqlite.close();
    this.accounts.clear();
    this.calls.length = 0;
    this.faults.length = 0;
  }
}
