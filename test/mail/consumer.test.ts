// The mail queue consumer against the outbox simulator (and stand-ins for Cloudflare's binding and
// Resend's API): per-message ack, retry with backoff, permanent failures, expired links, the DLQ.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index.ts';
import { MINUTE_MS } from '../../src/time.ts';
import {
  call,
  later,
  outboxFor,
  PRODUCTION_VARS,
  resetSimulators,
  sim,
  tokenFromMail,
  waitFor,
  waitForMail,
} from '../support/index.ts';

const QUEUE = 'proxy-storefront-mail';
const DLQ = 'proxy-storefront-mail-dlq';
/** The shop's default retry delays (the test config shortens them to 0 s for the end-to-end dead-letter test). */
const shopEnv = { ...env, MAIL_RETRY_DELAY_SECONDS: '10' };

let seq = 0;
function loginMessage(overrides: Record<string, unknown> = {}) {
  seq++;
  const tokenId = crypto.randomUUID();
  return {
    id: `msg-${seq}-${tokenId.slice(0, 8)}`,
    body: {
      kind: 'login',
      tokenId,
      to: `mail-${seq}@example.com`,
      url: `https://shop.test/auth/verify#token=SECRET${seq}secretsecretsecretsecretsecret`,
      expiresAt: Date.now() + 15 * 60_000,
      ...overrides,
    },
  };
}

async function consume(
  queue: string,
  messages: { id: string; body: unknown; attempts?: number }[],
  e: object = shopEnv,
) {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ id: m.id, body: m.body, attempts: m.attempts ?? 1, timestamp: new Date() })),
  );
  // getQueueResult() does not report retry delays: observe them on the messages themselves.
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      delays.set(message.id, options?.delaySeconds);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, e as Env, ctx);
  const result = await getQueueResult(batch, ctx);
  return {
    ...result,
    retryMessages: result.retryMessages.map((r) => ({ msgId: r.msgId, delaySeconds: delays.get(r.msgId) })),
  };
}

const outboxFault = (to: string, status: number, count = 1) =>
  sim('/_sim/outbox/faults', {
    method: 'POST',
    body: JSON.stringify({ status, count, to }),
    headers: { 'content-type': 'application/json' },
  });
const failures = (id: string) =>
  env.DB.prepare('select * from mail_failures where id = ?').bind(id).first<Record<string, unknown>>();

// Each test starts with mail that leaves: the failures earlier tests provoke would otherwise keep sign-in refused.
beforeEach(async () => {
  await resetSimulators();
  await env.DB.prepare('delete from mail_health').run();
});

describe('delivering login mail', () => {
  it('sends a branded text + HTML email and acks the message', async () => {
    const msg = loginMessage();
    const result = await consume(QUEUE, [msg]);
    expect(result.explicitAcks).toEqual([msg.id]);
    expect(result.retryMessages).toEqual([]);
    const [mail] = await outboxFor(msg.body.to as string);
    expect(mail!.subject).toBe('Your sign-in link for Acme Mobile Proxies');
    expect(mail!.text).toContain(msg.body.url);
    expect(mail!.text).toMatch(/expires in 15 minutes/);
    expect(mail!.html).toContain('Acme Mobile Proxies');
    expect(mail!.html).toContain('#4f46e5');
    expect(mail!.html).toContain(`href="${msg.body.url}"`);
  });

  it('acks and retries each message on its own', async () => {
    const ok = loginMessage();
    const failing = loginMessage();
    await outboxFault(failing.body.to as string, 503);
    const result = await consume(QUEUE, [ok, failing]);
    expect(result.explicitAcks).toEqual([ok.id]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([failing.id]);
    expect(await outboxFor(ok.body.to as string)).toHaveLength(1);
  });

  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [5, 160],
  ])('retries a transient failure (attempt %i) after %i s', async (attempts, delaySeconds) => {
    const msg = loginMessage();
    await outboxFault(msg.body.to as string, 503);
    const result = await consume(QUEUE, [{ ...msg, attempts }]);
    expect(result.retryMessages).toEqual([{ msgId: msg.id, delaySeconds }]);
    expect(result.explicitAcks).toEqual([]);
  });

  it('treats 429 and an unreachable provider as transient', async () => {
    const limited = loginMessage();
    await outboxFault(limited.body.to as string, 429);
    expect((await consume(QUEUE, [limited])).retryMessages).toHaveLength(1);
    const unreachable = loginMessage();
    const spy = vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('Network connection lost.'));
    try {
      expect((await consume(QUEUE, [unreachable])).retryMessages).toEqual([
        { msgId: unreachable.id, delaySeconds: 10 },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('acks, logs and records a permanent failure without the link', async () => {
    const msg = loginMessage();
    await outboxFault(msg.body.to as string, 422);
    const result = await consume(QUEUE, [msg]);
    expect(result.explicitAcks).toEqual([msg.id]);
    expect(result.retryMessages).toEqual([]);
    const row = await failures(msg.id);
    expect(row).toMatchObject({ to: msg.body.to, kind: 'login', reason: 'permanent: outbox HTTP 422' });
    expect(JSON.stringify(row)).not.toContain('token');
  });

  it('drops and records a message whose link has expired', async () => {
    const msg = loginMessage();
    const result = await consume(QUEUE, [msg], later(15 * MINUTE_MS, shopEnv));
    expect(result.explicitAcks).toEqual([msg.id]);
    expect(await outboxFor(msg.body.to as string)).toEqual([]);
    expect(await failures(msg.id)).toMatchObject({
      to: msg.body.to,
      kind: 'login',
      reason: 'expired: the link expired before it could be sent',
    });
  });

  it('drops and records instead of retrying when the link would expire before the next attempt', async () => {
    const msg = loginMessage({ expiresAt: Date.now() + 30_000 });
    await outboxFault(msg.body.to as string, 503);
    const result = await consume(QUEUE, [{ ...msg, attempts: 3 }]);
    expect(result.explicitAcks).toEqual([msg.id]);
    expect(result.retryMessages).toEqual([]);
    const row = await failures(msg.id);
    expect(row).toMatchObject({ kind: 'login', reason: 'expired before retry: outbox HTTP 503' });
    expect(JSON.stringify(row)).not.toContain('SECRET');
  });

  it('acks a malformed message instead of retrying it forever', async () => {
    const result = await consume(QUEUE, [{ id: 'malformed-1', body: { kind: 'postcard', to: 'x' } }]);
    expect(result.explicitAcks).toEqual(['malformed-1']);
  });

  it('sends a redelivered message once (idempotency key)', async () => {
    const msg = loginMessage();
    await consume(QUEUE, [msg]);
    await consume(QUEUE, [{ ...msg, id: `${msg.id}-again`, attempts: 2 }]);
    expect(await outboxFor(msg.body.to as string)).toHaveLength(1);
  });
});

describe('the dead-letter queue', () => {
  it('records mail that exhausted its retries (no link stored) and acks it', async () => {
    const msg = loginMessage();
    const result = await consume(DLQ, [{ ...msg, attempts: 1 }]);
    expect(result.explicitAcks).toEqual([msg.id]);
    const row = await failures(msg.id);
    expect(row).toMatchObject({ to: msg.body.to, kind: 'login', reason: 'undeliverable: retries exhausted' });
    expect(JSON.stringify(row)).not.toContain('SECRET');
    // A redelivery of the same dead letter does not record it twice.
    await consume(DLQ, [{ ...msg, attempts: 2 }]);
    expect(await env.DB.prepare('select count(*) as n from mail_failures where id = ?').bind(msg.id).first('n')).toBe(
      1,
    );
  });
});

describe('retries into the dead-letter queue, end to end', () => {
  it('sends a message whose every attempt fails through all retries into mail_failures', async () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line))),
    );
    const msg = loginMessage();
    const to = msg.body.to as string;
    try {
      await outboxFault(to, 503, 100);
      await env.MAIL_QUEUE.send(msg.body, { contentType: 'json' });
      const row = await recordedFailureFor(to);
      expect(row).toMatchObject({ to, kind: 'login', reason: 'undeliverable: retries exhausted' });
      expect(JSON.stringify(row)).not.toContain('SECRET');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(await outboxFor(to)).toEqual([]);
    // The first attempt and max_retries (5) retries all failed; then the dead-letter queue's consumer took it.
    const attempts = lines.filter(
      (line) => line.includes(`"loginRef":"${msg.body.tokenId}"`) && line.includes('"msg":"mail failed; retrying"'),
    );
    expect(attempts).toHaveLength(6);
    expect(lines.filter((line) => line.includes('"msg":"mail undeliverable after retries"'))).toHaveLength(1);
  });
});

/** Waits (polling D1) for the dead-letter consumer's row about `to`. */
function recordedFailureFor(to: string) {
  return waitFor(
    () => env.DB.prepare('select * from mail_failures where "to" = ?').bind(to).first<Record<string, unknown>>(),
    { intervalMs: 50, what: `a mail_failures row for ${to}` },
  );
}

describe('Cloudflare send_email transport', () => {
  function fakeMailer(outcome: (builder: EmailMessageBuilder) => Promise<EmailSendResult>) {
    const sent: EmailMessageBuilder[] = [];
    return {
      sent,
      binding: {
        send: async (builder: EmailMessageBuilder) => {
          sent.push(builder);
          return outcome(builder);
        },
      } as unknown as SendEmail,
    };
  }
  const withMailer = (binding?: SendEmail) => ({ ...shopEnv, MAIL_TRANSPORT: 'cloudflare', MAILER: binding });
  const codedError = (code: string) => Object.assign(new Error(code), { code });

  it('sends through the binding with the configured sender', async () => {
    const mailer = fakeMailer(async () => ({ messageId: 'cf-1' }));
    const msg = loginMessage();
    const result = await consume(QUEUE, [msg], withMailer(mailer.binding));
    expect(result.explicitAcks).toEqual([msg.id]);
    expect(mailer.sent[0]).toMatchObject({
      from: { name: 'Acme Mobile Proxies', email: 'login@example.com' },
      to: msg.body.to,
      subject: expect.any(String),
    });
    expect(mailer.sent[0]!.text).toContain(msg.body.url);
  });

  it('retries a rate-limited send and records a suppressed recipient as permanent', async () => {
    const limited = loginMessage();
    const r1 = await consume(
      QUEUE,
      [limited],
      withMailer(fakeMailer(() => Promise.reject(codedError('E_RATE_LIMIT_EXCEEDED'))).binding),
    );
    expect(r1.retryMessages).toEqual([{ msgId: limited.id, delaySeconds: 10 }]);
    const suppressed = loginMessage();
    const r2 = await consume(
      QUEUE,
      [suppressed],
      withMailer(fakeMailer(() => Promise.reject(codedError('E_RECIPIENT_SUPPRESSED'))).binding),
    );
    expect(r2.explicitAcks).toEqual([suppressed.id]);
    expect(await failures(suppressed.id)).toMatchObject({ reason: 'permanent: cloudflare E_RECIPIENT_SUPPRESSED' });
  });

  it('retries (for the operator to fix) when the binding is missing', async () => {
    const msg = loginMessage();
    const result = await consume(QUEUE, [msg], withMailer(undefined));
    expect(result.retryMessages.map((r) => r.msgId)).toEqual([msg.id]);
  });
});

describe('Resend transport', () => {
  const resendEnv = { ...shopEnv, MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_test_key_123' };
  let requests: Request[];
  let status: number;
  beforeEach(() => {
    requests = [];
    status = 200;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      requests.push(new Request(input, init));
      return new Response(JSON.stringify({ id: 'resend-1' }), { status });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('posts to the Resend API with the key and an idempotency key derived from the message', async () => {
    const msg = loginMessage();
    const result = await consume(QUEUE, [msg], resendEnv);
    expect(result.explicitAcks).toEqual([msg.id]);
    const [req] = requests;
    expect(req!.url).toBe('https://api.resend.com/emails');
    expect(req!.headers.get('authorization')).toBe('Bearer re_test_key_123');
    expect(req!.headers.get('idempotency-key')).toBe(`login-${msg.body.tokenId}`);
    expect(await req!.json()).toMatchObject({ from: 'Acme Mobile Proxies <login@example.com>', to: [msg.body.to] });
  });

  it('retries 429 and 5xx, and gives up on other 4xx', async () => {
    for (const [code, transient] of [
      [429, true],
      [500, true],
      [422, false],
      [403, false],
    ] as const) {
      status = code;
      const msg = loginMessage();
      const result = await consume(QUEUE, [msg], resendEnv);
      expect(result.retryMessages.length === 1, `HTTP ${code}`).toBe(transient);
      expect(result.explicitAcks.length === 1, `HTTP ${code}`).toBe(!transient);
    }
  });
});

describe('a production shop without a real mail transport', () => {
  const production = { ...shopEnv, ...PRODUCTION_VARS, MAIL_OUTBOX_URL: '', MAILER: undefined };
  const shopUrl = PRODUCTION_VARS.PUBLIC_URL;

  it('refuses to start sign-in with a 503 and tells the operator why in the logs', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      const req = new Request(`${shopUrl}/api/auth/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: shopUrl, 'cf-connecting-ip': '192.0.2.77' },
        body: JSON.stringify({ email: 'prod@example.com' }),
      });
      const res = await worker.fetch(req, production as unknown as Env, createExecutionContext());
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'mail_unavailable' } });
      expect(errors.join('\n')).toMatch(/MAILER send_email binding is missing/);
    } finally {
      spy.mockRestore();
    }
    expect(
      await env.DB.prepare('select count(*) as n from login_tokens where email = ?')
        .bind('prod@example.com')
        .first('n'),
    ).toBe(0);
  });

  it('refuses the outbox simulator outright (config check)', async () => {
    const res = await worker.fetch(
      new Request(`${shopUrl}/api/auth/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: shopUrl },
        body: '{"email":"p@example.com"}',
      }),
      { ...production, MAIL_TRANSPORT: 'outbox', MAIL_OUTBOX_URL: 'https://outbox.example' } as unknown as Env,
      createExecutionContext(),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'config_invalid' } });
  });

  it('still works in development with the outbox', async () => {
    const email = 'dev@example.com';
    expect(await outboxFor(email)).toEqual([]);
    const res = await call('/api/auth/request', { json: { email }, headers: { 'cf-connecting-ip': '192.0.2.78' } });
    expect(res.status).toBe(202);
    // The link landed in the outbox, through the queue and the outbox transport.
    const mail = await waitForMail(email, 0);
    expect(mail).toMatchObject({ to: email, subject: 'Your sign-in link for Acme Mobile Proxies' });
    expect(tokenFromMail(mail)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
