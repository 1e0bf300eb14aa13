// Worker scripts as wrangler 4 deploys them: a new Worker is uploaded with `PUT /scripts/:name` (a version deployed
// at once); an existing one gets `POST …/versions` then `POST …/deployments`. Also the service and Worker views
// wrangler reads before deciding which path to take.
import type { Context } from 'hono';
import { type CfContext, fail, jsonBody, newRouter, ok } from './api.ts';
import type { WorkerScript } from './state.ts';
import { readWorkerUpload } from './worker-upload.ts';
import {
  addVersion,
  allTrafficTo,
  deploy,
  deploymentView,
  newScript,
  scriptView,
  type Traffic,
  versionView,
} from './worker-versions.ts';

const SCRIPT_NAME = /^[a-z0-9][a-z0-9-_]{0,62}$/;

export function findScript(c: CfContext): WorkerScript | undefined {
  return c.get('account').scripts.get(c.req.param('scriptName') ?? '');
}

export const scriptNotFound = (c: Context) => fail(c, 404, 10007, 'workers.api.error.script_not_found');

export const workerRoutes = newRouter()
  .get('/accounts/:accountId/workers/services/:scriptName', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const view = scriptView(script);
    return ok(c, {
      id: script.name,
      default_environment: { environment: 'production', created_on: view.created_on, script: view },
      created_on: view.created_on,
      modified_on: view.modified_on,
    });
  })
  .get('/accounts/:accountId/workers/workers/:scriptName', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    return ok(c, {
      id: script.tag,
      name: script.name,
      subdomain: script.subdomain,
      created_on: script.createdOn,
      updated_on: script.modifiedOn,
      ...script.scriptSettings,
    });
  })
  .put('/accounts/:accountId/workers/scripts/:scriptName', async (c) => {
    const name = c.req.param('scriptName');
    if (!SCRIPT_NAME.test(name)) return fail(c, 400, 10016, 'Invalid Worker name');
    const { scripts } = c.get('account');
    const existing = scripts.get(name);
    const upload = await readWorkerUpload(c.req.raw, c.get('account'), existing);
    if ('code' in upload) return fail(c, 400, upload.code, upload.message, upload.notes);
    const script = existing ?? newScript(name);
    scripts.set(name, script);
    const version = addVersion(script, upload);
    deploy(script, allTrafficTo(version.id));
    return ok(c, { ...scriptView(script), deployment_id: version.id, startup_time_ms: 1 });
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/versions', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const items = script.versions.toReversed().map((v) => versionView(script, v));
    return ok(c, { items }, { page: 1, per_page: items.length, total_count: items.length });
  })
  .post('/accounts/:accountId/workers/scripts/:scriptName/versions', async (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const upload = await readWorkerUpload(c.req.raw, c.get('account'), script);
    if ('code' in upload) return fail(c, 400, upload.code, upload.message, upload.notes);
    return ok(c, versionView(script, addVersion(script, upload)));
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/versions/:versionId', (c) => {
    const script = findScript(c);
    const version = script?.versions.find((v) => v.id === c.req.param('versionId'));
    if (!script || !version) return fail(c, 404, 10220, 'Version not found');
    return ok(c, versionView(script, version));
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/deployments', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    return ok(c, { deployments: script.deployments.toReversed().map(deploymentView) });
  })
  .post('/accounts/:accountId/workers/scripts/:scriptName/deployments', async (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const body = await jsonBody<{ strategy?: string; versions?: Traffic }>(c);
    const versions = body?.versions ?? [];
    const total = versions.reduce((sum, v) => sum + v.percentage, 0);
    if (body?.strategy !== 'percentage' || total !== 100)
      return fail(c, 400, 10213, 'a deployment needs strategy "percentage" and versions adding up to 100%');
    const unknown = versions.find((v) => !script.versions.some((known) => known.id === v.version_id));
    if (unknown) return fail(c, 400, 10220, `Version ${unknown.version_id} not found`);
    return ok(c, deploymentView(deploy(script, versions)));
  });
