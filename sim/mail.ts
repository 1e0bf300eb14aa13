// Mail provider simulator: an outbox the shop posts to in development and tests, with fault injection: the next sends
// failing (`/faults`), or every send failing until it is called off (`/outage`), as a provider that refuses the
// shop's key or is down would answer (Resend: 401/403 for a bad key or unverified domain, 429, 5xx).
import { Hono } from 'hono';
import type { OutboxMail } from '../devkit/sim-controls.ts';
import { onReset } from './state.ts';

/** The next `count` sends (to `to` only, when given) fail with `status`. */
interface OutboxFault {
  status: number;
  count: number;
  to?: string;
}

const outbox: OutboxMail[] = [];
/** Every accepted send, repeats of an Idempotency-Key included: what the shop asked to send, once or more. */
const sends: { to: string; subject: string }[] = [];
const faults: OutboxFault[] = [];
/** Every send fails with this status while set (`POST /outage`), until `DELETE /outage` or a reset. */
let outage: number | null = null;
/** Idempotency-Key → mail id: a repeated send is accepted but delivered once, as Resend does. */
const seenKeys = new Map<string, string>();
onReset(() => {
  outbox.length = 0;
  sends.length = 0;
  faults.length = 0;
  outage = null;
  seenKeys.clear();
});

function takeFault(to: string): Pick<OutboxFault, 'status'> | undefined {
  if (outage !== null) return { status: outage };
  const fault = faults.find((f) => f.count > 0 && (!f.to || f.to === to));
  if (fault) fault.count--;
  return fault;
}

export const mailSim = new Hono()
  /**
   * `?subject=<part>`: counts of the mail whose subject contains it, for a benchmark that sends thousands: sends the
   * shop made (repeats of an Idempotency-Key included), mails delivered, distinct recipients, and the most sends to one.
   */
  .get('/tally', (c) => {
    const part = c.req.query('subject') ?? '';
    const matching = sends.filter((m) => m.subject.includes(part));
    const perRecipient = new Map<string, number>();
    for (const m of matching) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    return c.json({
      sends: matching.length,
      delivered: outbox.filter((m) => m.subject.includes(part)).length,
      recipients: perRecipient.size,
      mostToOneRecipient: Math.max(0, ...perRecipient.values()),
    });
  })
  .get('/', (c) => {
    const to = c.req.query('to');
    return c.json(to ? outbox.filter((m) => m.to === to) : outbox);
  })
  .post('/faults', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Partial<OutboxFault> | null;
    if (!body || typeof body.status !== 'number' || body.status < 400 || body.status > 599)
      return c.json({ error: 'status (400–599) is required; count defaults to 1; to is optional' }, 400);
    faults.push({
      status: body.status,
      count: body.count ?? 1,
      ...(typeof body.to === 'string' ? { to: body.to } : {}),
    });
    return c.json({ ok: true });
  })
  .post('/outage', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { status?: unknown };
    const status = body.status ?? 503;
    if (typeof status !== 'number' || status < 400 || status > 599)
      return c.json({ error: 'status (400–599) is optional, 503 by default' }, 400);
    outage = status;
    return c.json({ outage });
  })
  .delete('/outage', (c) => {
    outage = null;
    return c.json({ outage });
  })
  .post('/', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Partial<OutboxMail> | null;
    if (!body || typeof body.to !== 'string' || typeof body.subject !== 'string' || typeof body.text !== 'string')
      return c.json({ error: 'to, subject and text are required' }, 400);
    const fault = takeFault(body.to);
    if (fault) return c.json({ error: `simulated failure (${fault.status})` }, fault.status as 400);
    sends.push({ to: body.to, subject: body.subject });
    const key = c.req.header('idempotency-key');
    const repeated = key ? seenKeys.get(key) : undefined;
    if (repeated) return c.json({ id: repeated }, 202);
    const mail: OutboxMail = {
      to: body.to,
      subject: body.subject,
      text: body.text,
      html: body.html ?? '',
      headers: typeof body.headers === 'object' && body.headers !== null ? body.headers : {},
      sentAt: new Date().toISOString(),
    };
    outbox.push(mail);
    const id = `sim_mail_${outbox.length}`;
    if (key) seenKeys.set(key, id);
    const link = /https?:\/\/\S+\/auth\/verify#token=\S+/.exec(mail.text)?.[0];
    console.log(`[sim] mail to ${mail.to}: ${mail.subject}${link ? `\n[sim]   sign-in link: ${link}` : ''}`);
    return c.json({ id }, 202);
  });
