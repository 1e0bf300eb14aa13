// Test controls under /_sim/cloudflare (never part of Cloudflare's API): open a fresh account, read back what an
// account holds (Worker versions and bindings, D1 tables and applied migrations, KV, queues, assets), the call log,
// and faults: the next calls to a path answer an error instead (by default 503 with Cloudflare's internal error,
// workers.api.error.unknown, code 10013), until `DELETE /faults`.
import { Hono } from 'hono';
import type { AccountView, ApiFault } from '../../devkit/cloudflare-controls.ts';
import type { Account, CloudflareState } from './state.ts';
import { deployedVersion, publicBindings } from './worker-versions.ts';

/** Everything on the account, as a reviewer would check it in the dashboard (secret values never shown). */
export function describeAccount(account: Account): AccountView {
  return {
    id: account.id,
    subdomain: account.subdomain,
    workers: [...account.scripts.values()].map((script) => {
      const version = deployedVersion(script);
      return {
        name: script.name,
        versions: script.versions.length,
        deployments: script.deployments.length,
        deployedVersion: version?.id,
        mainModule: version?.mainModule,
        modules: version?.modules ?? [],
        compatibilityDate: version?.compatibilityDate,
        bindings: publicBindings(version?.bindings ?? []),
        assets: version?.assets,
        schedules: script.schedules.map((s) => s.cron),
        workersDev: script.subdomain,
      };
    }),
    d1: [...account.d1.values()].map((db) => {
      const tables = db.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[];
      const migrations = tables.some((t) => t.name === 'd1_migrations')
        ? (db.sqlite.prepare('SELECT name FROM d1_migrations ORDER BY id').all() as { name: string }[])
        : [];
      return {
        uuid: db.uuid,
        name: db.name,
        tables: tables.map((t) => t.name),
        migrations: migrations.map((m) => m.name),
      };
    }),
    kv: [...account.kv.values()],
    queues: [...account.queues.values()],
    storedAssetFiles: account.assetFiles.size,
  };
}

export function controlRoutes(state: CloudflareState) {
  return (
    new Hono()
      .post('/accounts', async (c) => {
        const body = (await c.req.json().catch(() => ({}))) as { name?: string; subdomain?: string };
        const account = state.createAccount(body.name);
        if (body.subdomain) account.subdomain = body.subdomain;
        return c.json({ accountId: account.id, token: account.token });
      })
      .get('/accounts/:accountId', (c) => {
        const account = state.accounts.get(c.req.param('accountId'));
        return account ? c.json(describeAccount(account)) : c.json({ error: 'no such account' }, 404);
      })
      // A deployed static asset's bytes, as the Worker's ASSETS binding would serve them.
      .get('/accounts/:accountId/workers/:scriptName/assets', (c) => {
        const account = state.accounts.get(c.req.param('accountId'));
        const script = account?.scripts.get(c.req.param('scriptName'));
        const hash = script && deployedVersion(script)?.assets?.files[c.req.query('path') ?? ''];
        const file = hash ? account?.assetFiles.get(hash) : undefined;
        return file ? c.body(new Uint8Array(file.content), 200, { 'content-type': file.contentType }) : c.notFound();
      })
      .get('/calls', (c) => c.json(state.calls))
      .post('/faults', async (c) => {
        const body = (await c.req.json().catch(() => ({}))) as Partial<ApiFault>;
        if (typeof body.method !== 'string' || typeof body.path !== 'string')
          return c.json({ error: 'method and path (a regular expression) are required' }, 400);
        const fault: ApiFault = {
          method: body.method.toUpperCase(),
          path: body.path,
          status: body.status ?? 503,
          code: body.code ?? 10013,
          message: body.message ?? 'workers.api.error.unknown',
          count: body.count ?? 1,
        };
        state.faults.push(fault);
        return c.json(fault);
      })
      .delete('/faults', (c) => {
        state.faults.length = 0;
        return c.json({ ok: true });
      })
      .post('/reset', (c) => {
        state.reset();
        return c.json({ ok: true });
      })
  );
}
