// The local Cloudflare API's test controls (`/_sim/cloudflare`, sim/cloudflare/controls.ts) as the deploy rehearsal
// reads them: what an account holds and the log of API calls, one shape served by the simulator and read here.

/** A binding as the Workers API stores it (the upload metadata's shape; a secret's value is never shown). */
export interface WorkerBinding {
  name: string;
  type: string;
  [field: string]: unknown;
}

export interface KvNamespace {
  id: string;
  title: string;
}

export interface QueueConsumer {
  consumer_id: string;
  type: 'worker';
  script: string;
  dead_letter_queue?: string;
  settings: Record<string, unknown>;
  created_on: string;
}

export interface Queue {
  queue_id: string;
  queue_name: string;
  created_on: string;
  modified_on: string;
  consumers: QueueConsumer[];
}

/** `GET /_sim/cloudflare/accounts/:id`: everything on the account, as a reviewer would check it in the dashboard. */
export interface AccountView {
  id: string;
  subdomain?: string;
  workers: {
    name: string;
    versions: number;
    deployments: number;
    deployedVersion?: string;
    mainModule?: string;
    modules: { name: string; contentType: string; size: number }[];
    compatibilityDate?: string;
    bindings: WorkerBinding[];
    /** The deployed version's assets: the manifest's path → hash, with the router and asset config. */
    assets?: { files: Record<string, string>; config: Record<string, unknown> };
    schedules: string[];
    workersDev: { enabled: boolean; previews_enabled: boolean };
  }[];
  d1: { uuid: string; name: string; tables: string[]; migrations: string[] }[];
  kv: KvNamespace[];
  queues: Queue[];
  storedAssetFiles: number;
}

/** `GET /_sim/cloudflare/calls`: an API call the simulator received. */
export interface ApiCall {
  method: string;
  path: string;
  query: string;
  status: number;
  account?: string;
  /** True when no simulated endpoint matched the path. */
  unrouted: boolean;
  at: string;
}

/** An API answer the next `count` matching calls get instead of their own (the rehearsal's failure paths); `POST /_sim/cloudflare/faults`. */
export interface ApiFault {
  method: string;
  /** A regular expression the call's path must match. */
  path: string;
  status: number;
  code: number;
  message: string;
  count: number;
}

/** The controls of the local Cloudflare API at `url` (its root, e.g. `http://127.0.0.1:8792`). */
export function cloudflareControls(url: string) {
  const controls = `${url}/_sim/cloudflare`;
  const read = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${controls}${path}`, init);
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${controls}${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    /** A fresh, empty account with its own API token (and its workers.dev subdomain, when given). */
    openAccount: (name: string, subdomain?: string) =>
      read<{ accountId: string; token: string }>('/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, subdomain }),
      }),
    account: (accountId: string) => read<AccountView>(`/accounts/${accountId}`),
    /** A deployed static asset's bytes, as the Worker's ASSETS binding would serve them; undefined when there is none. */
    async asset(accountId: string, scriptName: string, path: string): Promise<Buffer | undefined> {
      const res = await fetch(
        `${controls}/accounts/${accountId}/workers/${scriptName}/assets?path=${encodeURIComponent(path)}`,
      );
      return res.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
    },
    calls: () => read<ApiCall[]>('/calls'),
    /** The next `count` calls matching `method` and `path` fail (by default with Cloudflare's internal error, 503). */
    fault: (fault: Pick<ApiFault, 'method' | 'path'> & Partial<ApiFault>) =>
      read<ApiFault>('/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      }),
    clearFaults: () => read<{ ok: true }>('/faults', { method: 'DELETE' }),
  };
}

export type CloudflareControls = ReturnType<typeof cloudflareControls>;
