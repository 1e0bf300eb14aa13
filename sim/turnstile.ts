// Cloudflare Turnstile's siteverify, as its public documentation describes it, for development and tests:
// - https://developers.cloudflare.com/turnstile/get-started/server-side-validation/: POST, form-encoded or JSON, with
//   `secret`, `response` (at most 2048 characters), optional `remoteip` and `idempotency_key`; always a JSON answer
//   `{success, error-codes, challenge_ts?, hostname?, action?, cdata?}`; the codes `missing-input-secret`,
//   `invalid-input-secret`, `missing-input-response`, `invalid-input-response`, `bad-request`, `timeout-or-duplicate`,
//   `internal-error`.
// - https://developers.cloudflare.com/turnstile/troubleshooting/testing/: the test secret keys `1x…AA` (always
//   passes), `2x…AA` (always fails) and `3x…AA` ("token already spent"), which accept only the dummy token
//   `XXXX.DUMMY.TOKEN.XXXX` that the test sitekeys give; any other secret is not a key this simulator knows.
// The shop's checks are recorded (`GET /_sim/turnstile/checks`) so tests can see what it sent.
import { Hono } from 'hono';
import { onReset } from './state.ts';

export const TURNSTILE_DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';
const PASSES = '1x0000000000000000000000000000000AA';
const FAILS = '2x0000000000000000000000000000000AA';
const SPENT = '3x0000000000000000000000000000000AA';
const MAX_TOKEN_LENGTH = 2048;

export interface TurnstileCheck {
  secret: string | null;
  response: string | null;
  remoteip: string | null;
  idempotencyKey: string | null;
  success: boolean;
  at: string;
}

const checks: TurnstileCheck[] = [];
/** The next `count` checks answer 500 `internal-error` (Cloudflare's own failure, which may be retried). */
let failures = 0;
onReset(() => {
  checks.length = 0;
  failures = 0;
});

type Fields = Record<string, string | undefined>;

async function fieldsOf(req: Request): Promise<Fields | null> {
  const type = req.headers.get('content-type') ?? '';
  try {
    if (/^application\/json/i.test(type)) {
      const body = (await req.json()) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
      ) as Fields;
    }
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      const fields: Fields = {};
      (await req.formData()).forEach((value, key) => {
        fields[key] = typeof value === 'string' ? value : undefined;
      });
      return fields;
    }
  } catch {
    return null;
  }
  return null;
}

function outcome(fields: Fields): { success: boolean; codes: string[] } {
  const { secret, response } = fields;
  if (!secret) return { success: false, codes: ['missing-input-secret'] };
  if (!response) return { success: false, codes: ['missing-input-response'] };
  if (![PASSES, FAILS, SPENT].includes(secret)) return { success: false, codes: ['invalid-input-secret'] };
  if (response.length > MAX_TOKEN_LENGTH || response !== TURNSTILE_DUMMY_TOKEN)
    return { success: false, codes: ['invalid-input-response'] };
  if (secret === FAILS) return { success: false, codes: ['invalid-input-response'] };
  if (secret === SPENT) return { success: false, codes: ['timeout-or-duplicate'] };
  return { success: true, codes: [] };
}

export const turnstileSim = new Hono()
  .post('/turnstile/v0/siteverify', async (c) => {
    const fields = await fieldsOf(c.req.raw);
    if (!fields) return c.json({ success: false, 'error-codes': ['bad-request'] }, 400);
    if (failures > 0) {
      failures--;
      return c.json({ success: false, 'error-codes': ['internal-error'] }, 500);
    }
    const { success, codes } = outcome(fields);
    checks.push({
      secret: fields.secret ?? null,
      response: fields.response ?? null,
      remoteip: fields.remoteip ?? null,
      idempotencyKey: fields.idempotency_key ?? null,
      success,
      at: new Date().toISOString(),
    });
    if (!success) return c.json({ success: false, 'error-codes': codes });
    // The test keys' answer (the testing page's example): their hostname and action are not the site's.
    return c.json({
      success: true,
      challenge_ts: new Date().toISOString(),
      hostname: 'localhost',
      'error-codes': [],
      action: 'test',
      cdata: 'test-data',
    });
  })
  .get('/_sim/turnstile/checks', (c) => c.json(checks))
  .post('/_sim/turnstile/faults', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { count?: unknown } | null;
    failures = typeof body?.count === 'number' && body.count > 0 ? body.count : 1;
    return c.json({ ok: true, failures });
  });
