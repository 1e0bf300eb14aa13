// What surrounds a Worker's code: its settings (the deployed version's bindings), non-versioned script settings,
// workers.dev subdomain, cron schedules and secrets. A secret change is a new version, deployed at once, and is
// refused while the latest version is not the deployed one (as Cloudflare does, code 10215). A cron Cloudflare does
// not take is refused with its "invalid cron string" (code 10100, as workers-sdk #8923 shows for `0 22 * * 0`:
// weekdays are 1-7), by the same rules `npm run check` holds wrangler.toml to (src/config/platform.ts).
import type { WorkerBinding } from '../../devkit/cloudflare-controls.ts';
import { cronProblem } from '../../src/config/platform.ts';
import { type CfContext, fail, jsonBody, newRouter, ok } from './api.ts';
import { now } from './state.ts';
import { textBindingProblems } from './worker-upload.ts';
import { addVersion, allTrafficTo, deploy, deployedVersion, publicBindings } from './worker-versions.ts';
import { findScript, scriptNotFound } from './workers.ts';

/** Replaces the deployed version's secrets with `change` (a new secret, or a removal) in a new deployed version. */
function changeSecrets(c: CfContext, change: (bindings: WorkerBinding[]) => WorkerBinding[]) {
  const script = findScript(c);
  if (!script) return scriptNotFound(c);
  const deployed = deployedVersion(script);
  if (!deployed || script.versions.at(-1) !== deployed)
    return fail(c, 400, 10215, 'The latest version of this Worker is not deployed');
  const { id: _id, number: _number, createdOn: _createdOn, ...rest } = deployed;
  const bindings = change(deployed.bindings);
  const limits = textBindingProblems(bindings);
  if (limits.length) return fail(c, 400, 10021, limits.join('; '));
  const version = addVersion(script, { ...rest, bindings });
  deploy(script, allTrafficTo(version.id));
  return undefined;
}

export const workerSettingsRoutes = newRouter()
  .get('/accounts/:accountId/workers/scripts/:scriptName/settings', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const version = deployedVersion(script);
    return ok(c, {
      bindings: publicBindings(version?.bindings ?? []),
      compatibility_date: version?.compatibilityDate,
      compatibility_flags: version?.compatibilityFlags ?? [],
      usage_model: 'standard',
      placement: {},
      ...script.scriptSettings,
    });
  })
  .patch('/accounts/:accountId/workers/scripts/:scriptName/script-settings', async (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const body = await jsonBody<Record<string, unknown>>(c);
    if (!body) return fail(c, 400, 10026, 'body must be JSON');
    Object.assign(script.scriptSettings, body);
    return ok(c, script.scriptSettings);
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/subdomain', (c) => {
    const script = findScript(c);
    return script ? ok(c, script.subdomain) : scriptNotFound(c);
  })
  .post('/accounts/:accountId/workers/scripts/:scriptName/subdomain', async (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const body = await jsonBody<{ enabled?: boolean; previews_enabled?: boolean }>(c);
    if (typeof body?.enabled !== 'boolean') return fail(c, 400, 10026, 'enabled must be a boolean');
    if (body.enabled && !c.get('account').subdomain)
      return fail(c, 400, 10007, 'Register a workers.dev subdomain before enabling it');
    script.subdomain = { enabled: body.enabled, previews_enabled: body.previews_enabled ?? body.enabled };
    return ok(c, script.subdomain);
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/schedules', (c) => {
    const script = findScript(c);
    return script ? ok(c, { schedules: script.schedules }) : scriptNotFound(c);
  })
  .put('/accounts/:accountId/workers/scripts/:scriptName/schedules', async (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const body = await jsonBody<{ cron?: string }[]>(c);
    if (!Array.isArray(body)) return fail(c, 400, 10026, 'schedules must be a list of {cron}');
    if (body.some((s) => typeof s.cron !== 'string' || cronProblem(s.cron)))
      return fail(c, 400, 10100, 'invalid cron string');
    const at = now();
    script.schedules = body.map(({ cron }) => ({
      cron: cron ?? '',
      created_on: script.schedules.find((s) => s.cron === cron)?.created_on ?? at,
      modified_on: at,
    }));
    return ok(c, { schedules: script.schedules });
  })
  .get('/accounts/:accountId/workers/scripts/:scriptName/secrets', (c) => {
    const script = findScript(c);
    if (!script) return scriptNotFound(c);
    const secrets = (deployedVersion(script)?.bindings ?? []).filter((b) => b.type === 'secret_text');
    return ok(
      c,
      secrets.map(({ name }) => ({ name, type: 'secret_text' })),
    );
  })
  .put('/accounts/:accountId/workers/scripts/:scriptName/secrets', async (c) => {
    const body = await jsonBody<{ name?: string; text?: string; type?: string }>(c);
    const { name, text } = body ?? {};
    if (!name || typeof text !== 'string' || body?.type !== 'secret_text')
      return fail(c, 400, 10026, 'a secret needs name, text and type "secret_text"');
    const refused = changeSecrets(c, (bindings) => [
      ...bindings.filter((b) => b.name !== name),
      { name, type: 'secret_text', text },
    ]);
    return refused ?? ok(c, { name, type: 'secret_text' });
  })
  .delete('/accounts/:accountId/workers/scripts/:scriptName/secrets/:secretName', (c) => {
    const name = c.req.param('secretName');
    const refused = changeSecrets(c, (bindings) =>
      bindings.filter((b) => !(b.type === 'secret_text' && b.name === name)),
    );
    return refused ?? ok(c, null);
  });
