// A Worker's life on the account: scripts hold immutable versions; a deployment sends traffic to versions. Shared by
// the upload, version, deployment, settings and secret routes, with the shapes the API answers.
import { createHash, randomUUID } from 'node:crypto';
import type { WorkerBinding } from '../../devkit/cloudflare-controls.ts';
import { newId, now, type WorkerScript, type WorkerVersion } from './state.ts';

export function newScript(name: string): WorkerScript {
  return {
    name,
    tag: newId(),
    createdOn: now(),
    modifiedOn: now(),
    versions: [],
    deployments: [],
    schedules: [],
    subdomain: { enabled: false, previews_enabled: false },
    scriptSettings: {},
  };
}

export function addVersion(script: WorkerScript, version: Omit<WorkerVersion, 'id' | 'number' | 'createdOn'>) {
  const added: WorkerVersion = { ...version, id: randomUUID(), number: script.versions.length + 1, createdOn: now() };
  script.versions.push(added);
  script.modifiedOn = added.createdOn;
  return added;
}

export type Traffic = { version_id: string; percentage: number }[];

/** A deployment: traffic split between versions (`wrangler deploy` and a secret change send 100% to one). */
export function deploy(script: WorkerScript, versions: Traffic) {
  const deployment = {
    id: randomUUID(),
    createdOn: now(),
    source: 'wrangler',
    strategy: 'percentage' as const,
    versions,
  };
  script.deployments.push(deployment);
  script.modifiedOn = deployment.createdOn;
  return deployment;
}

export const allTrafficTo = (versionId: string): Traffic => [{ version_id: versionId, percentage: 100 }];

/** The version receiving traffic (the largest share of the latest deployment). */
export function deployedVersion(script: WorkerScript): WorkerVersion | undefined {
  const latest = script.deployments.at(-1);
  const top = latest?.versions.toSorted((a, b) => b.percentage - a.percentage)[0];
  return script.versions.find((v) => v.id === top?.version_id);
}

/** Bindings as the API shows them: secret values never leave the account. */
export function publicBindings(bindings: WorkerBinding[]): WorkerBinding[] {
  return bindings.map(({ text, ...binding }) => (binding.type === 'secret_text' ? binding : { ...binding, text }));
}

const etag = (version: WorkerVersion | undefined) =>
  createHash('sha256')
    .update(version?.id ?? '')
    .digest('hex');

export function scriptView(script: WorkerScript) {
  const version = deployedVersion(script);
  return {
    id: script.name,
    tag: script.tag,
    tags: [],
    etag: etag(version),
    handlers: ['fetch'],
    created_on: script.createdOn,
    modified_on: script.modifiedOn,
    usage_model: 'standard',
    compatibility_date: version?.compatibilityDate,
    compatibility_flags: version?.compatibilityFlags ?? [],
    has_assets: Boolean(version?.assets),
    has_modules: true,
    last_deployed_from: 'wrangler',
  };
}

export function versionView(script: WorkerScript, version: WorkerVersion) {
  return {
    id: version.id,
    number: version.number,
    annotations: version.annotations,
    metadata: { created_on: version.createdOn, modified_on: version.createdOn, source: 'wrangler', hasPreview: false },
    resources: {
      script: { etag: etag(version), handlers: ['fetch'], last_deployed_from: 'wrangler' },
      script_runtime: {
        compatibility_date: version.compatibilityDate,
        compatibility_flags: version.compatibilityFlags,
        usage_model: 'standard',
      },
      bindings: publicBindings(version.bindings),
    },
    startup_time_ms: 1,
    script_name: script.name,
  };
}

export function deploymentView(deployment: WorkerScript['deployments'][number]) {
  const { createdOn, ...rest } = deployment;
  return { ...rest, created_on: createdOn, author_email: 'reseller@example.com', annotations: {} };
}
