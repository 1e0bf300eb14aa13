// Static assets, as wrangler uploads them: a session starts from the manifest (path → content hash) and answers
// the hashes the account lacks, in buckets, with a short-lived JWT; `/workers/assets/upload` takes base64 files
// authorised by that JWT (not the API token) and, once nothing is missing, answers the completion JWT that the
// Worker upload's `assets.jwt` must carry. Files already stored are never asked for again.
import { createHmac, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { fail, jsonBody, newRouter, ok } from './api.ts';
import type { Account, AssetsUploadSession, CloudflareState } from './state.ts';
import { findScript, scriptNotFound } from './workers.ts';

const BUCKET_SIZE = 10;

function signToken(state: CloudflareState, purpose: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ purpose, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac('sha256', state.signingKey).update(body).digest('base64url')}`;
}

function completeUpload(state: CloudflareState, account: Account, session: AssetsUploadSession): string {
  const token = signToken(state, 'completion');
  account.completedUploads.set(token, session);
  return token;
}

/** The session an upload's Bearer JWT opened, on whichever account opened it. */
function sessionFor(state: CloudflareState, c: Context) {
  const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  for (const account of state.accounts.values()) {
    const session = account.uploadSessions.get(token);
    if (session) return { account, session, token };
  }
  return undefined;
}

/** Opening a session needs the account's API token (mounted after the token check). */
export const assetSessionRoutes = newRouter().post(
  '/accounts/:accountId/workers/scripts/:scriptName/assets-upload-session',
  async (c) => {
    const body = await jsonBody<{ manifest?: AssetsUploadSession['manifest'] }>(c);
    if (!body?.manifest || typeof body.manifest !== 'object') return fail(c, 400, 10026, 'manifest is required');
    const account = c.get('account');
    // A new Worker has no script yet: the session is for the name it will be uploaded under.
    const scriptName = findScript(c)?.name ?? c.req.param('scriptName');
    if (!scriptName) return scriptNotFound(c);
    const wanted = [...new Set(Object.values(body.manifest).map((entry) => entry.hash))];
    const missing = wanted.filter((hash) => !account.assetFiles.has(hash));
    const session: AssetsUploadSession = { scriptName, manifest: body.manifest, missing: new Set(missing) };
    if (missing.length === 0) return ok(c, { jwt: completeUpload(c.get('state'), account, session), buckets: [] });
    const token = signToken(c.get('state'), 'upload');
    account.uploadSessions.set(token, session);
    const buckets = Array.from({ length: Math.ceil(missing.length / BUCKET_SIZE) }, (_, i) =>
      missing.slice(i * BUCKET_SIZE, (i + 1) * BUCKET_SIZE),
    );
    return ok(c, { jwt: token, buckets });
  },
);

/** The upload itself is authorised by the session's JWT (mounted before the token check). */
export function assetUploadRoutes(state: CloudflareState) {
  return newRouter().post('/accounts/:accountId/workers/assets/upload', async (c) => {
    const found = sessionFor(state, c);
    if (!found || found.account.id !== c.req.param('accountId'))
      return fail(c, 401, 10001, 'The assets upload token is missing, invalid or expired');
    if (c.req.query('base64') !== 'true') return fail(c, 400, 10026, 'only base64=true uploads are supported');
    const { account, session, token } = found;
    const form = await c.req.formData();
    for (const [hash, value] of form.entries()) {
      if (!session.missing.has(hash)) return fail(c, 400, 10026, `${hash} was not requested by this session`);
      const text = typeof value === 'string' ? value : await value.text();
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return fail(c, 400, 10026, `${hash} is not base64`);
      session.missing.delete(hash);
      const contentType = typeof value === 'string' ? '' : value.type;
      account.assetFiles.set(hash, { content: Buffer.from(text, 'base64'), contentType });
    }
    if (session.missing.size > 0) return c.json({ success: true, errors: [], messages: [], result: {} }, 202);
    account.uploadSessions.delete(token);
    return c.json(
      { success: true, errors: [], messages: [], result: { jwt: completeUpload(state, account, session) } },
      201,
    );
  });
}
