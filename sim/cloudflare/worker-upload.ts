// Reads a Worker upload (multipart: a `metadata` JSON part and the modules) into a version, as the Workers API does:
// `inherit` bindings take the deployed version's binding of that name, `keep_bindings` types carry over, every
// bound KV namespace, D1 database and queue must exist on the account, text bindings keep to Cloudflare's limits,
// and `assets.jwt` must be a completed upload.
import type { WorkerBinding } from '../../devkit/cloudflare-controls.ts';
import { byteLength, VAR_MAX_BYTES, VARS_AND_SECRETS_MAX } from '../../src/config/platform.ts';
import type { Account, WorkerScript, WorkerVersion } from './state.ts';
import { deployedVersion } from './worker-versions.ts';

interface UploadMetadata {
  main_module?: string;
  body_part?: string;
  bindings?: WorkerBinding[];
  keep_bindings?: string[];
  compatibility_date?: string;
  compatibility_flags?: string[];
  keep_assets?: boolean;
  assets?: { jwt?: string; config?: Record<string, unknown> };
  annotations?: Record<string, unknown>;
}

export type NewVersion = Omit<WorkerVersion, 'id' | 'number' | 'createdOn'>;

/** A refused upload: the API's error code, message and notes (wrangler prints the notes). */
export interface UploadProblem {
  code: number;
  message: string;
  notes: string[];
}

/** The reason a bound resource is unusable, or undefined when it exists on the account. */
function missingResource(account: Account, binding: WorkerBinding): string | undefined {
  if (binding.type === 'kv_namespace' && !account.kv.has(String(binding.namespace_id)))
    return `KV namespace '${String(binding.namespace_id)}' is not valid`;
  if (binding.type === 'd1' && !account.d1.has(String(binding.id)))
    return `binding ${binding.name} of type d1 must have a valid \`id\` specified [code: 10021]`;
  if (binding.type === 'queue' && ![...account.queues.values()].some((q) => q.queue_name === binding.queue_name))
    return `Queue "${String(binding.queue_name)}" does not exist`;
  return undefined;
}

const TEXT_BINDINGS = new Set(['plain_text', 'secret_text', 'json']);

/**
 * Cloudflare's limits on a Worker's environment variables (vars and secrets alike): 5 KB each and 128 in all on
 * Workers Paid (https://developers.cloudflare.com/workers/platform/limits/#environment-variables). The published API
 * schema names no error of its own for them: the simulator refuses like the upload's other binding problems
 * (code 10021), saying which binding and which limit.
 */
export function textBindingProblems(bindings: WorkerBinding[]): string[] {
  const text = bindings.filter((b) => TEXT_BINDINGS.has(b.type));
  const problems = text.flatMap((b) => {
    const value = typeof b.text === 'string' ? b.text : JSON.stringify(b.json ?? '');
    const bytes = byteLength(value);
    return bytes > VAR_MAX_BYTES
      ? [`binding ${b.name} of type ${b.type} is ${bytes} bytes: environment variables are limited to 5 KB each`]
      : [];
  });
  if (text.length > VARS_AND_SECRETS_MAX)
    problems.push(
      `${text.length} environment variables and secrets: a Worker may have at most ${VARS_AND_SECRETS_MAX}`,
    );
  return problems;
}

function resolveBindings(account: Account, script: WorkerScript | undefined, metadata: UploadMetadata) {
  const previous = (script && deployedVersion(script)?.bindings) ?? [];
  const notes: string[] = [];
  const bindings = (metadata.bindings ?? []).flatMap((binding): WorkerBinding[] => {
    if (binding.type === 'inherit') {
      const inherited = previous.find((b) => b.name === binding.name);
      if (!inherited) notes.push(`inherit binding '${binding.name}' is invalid: no binding of that name to inherit`);
      return inherited ? [inherited] : [];
    }
    const missing = missingResource(account, binding);
    if (missing) notes.push(missing);
    return [binding];
  });
  const named = new Set(bindings.map((b) => b.name));
  const kept = previous.filter((b) => metadata.keep_bindings?.includes(b.type) && !named.has(b.name));
  return { bindings: [...bindings, ...kept], notes };
}

function resolveAssets(account: Account, script: WorkerScript | undefined, metadata: UploadMetadata) {
  if (metadata.assets?.jwt) {
    const upload = account.completedUploads.get(metadata.assets.jwt);
    if (!upload) return { problem: 'assets.jwt is not a completed assets upload of this account' };
    const files = Object.fromEntries(Object.entries(upload.manifest).map(([path, { hash }]) => [path, hash]));
    return { assets: { files, config: metadata.assets.config ?? {} } };
  }
  const previous = script && deployedVersion(script)?.assets;
  return { assets: metadata.keep_assets ? previous : undefined };
}

export async function readWorkerUpload(
  request: Request,
  account: Account,
  script: WorkerScript | undefined,
): Promise<NewVersion | UploadProblem> {
  const refuse = (message: string, notes: string[] = []): UploadProblem => ({ code: 10021, message, notes });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse('The upload is not multipart/form-data');
  }
  const metadataPart = form.get('metadata');
  let metadata: UploadMetadata;
  try {
    metadata = JSON.parse(typeof metadataPart === 'string' ? metadataPart : await (metadataPart?.text() ?? '')) ?? {};
  } catch {
    return refuse('metadata part is missing or not JSON');
  }
  const modules = [...form.entries()]
    .filter(([name, value]) => name !== 'metadata' && typeof value !== 'string')
    .map(([name, value]) => ({ name, contentType: (value as File).type, size: (value as File).size }));
  const mainModule = metadata.main_module ?? metadata.body_part ?? '';
  if (!modules.some((m) => m.name === mainModule && m.size > 0))
    return refuse(`No such module "${mainModule}": the main module must be one of the uploaded parts`);

  const { bindings, notes } = resolveBindings(account, script, metadata);
  const inheritProblems = notes.filter((note) => note.startsWith('inherit'));
  if (inheritProblems.length) return { code: 10057, message: 'Invalid inherit bindings', notes: inheritProblems };
  if (notes.length) return refuse('Invalid bindings', notes);
  const limits = textBindingProblems(bindings);
  if (limits.length) return refuse(limits.join('; '));
  const { assets, problem } = resolveAssets(account, script, metadata);
  if (problem) return refuse(problem);
  return {
    mainModule,
    modules,
    bindings,
    compatibilityDate: metadata.compatibility_date,
    compatibilityFlags: metadata.compatibility_flags ?? [],
    assets,
    annotations: metadata.annotations,
  };
}
