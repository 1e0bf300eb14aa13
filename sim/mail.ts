// Mail provider simulator: an outbox the shop posts to in development and tests, with fault injection.
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
const faults: OutboxFault[] = [];
/** Idempotency-Key → mail id: a repeated send is accepted but delivered once, as Resend does. */
const seenKeys = new Map<string, string>();
onReset(() => {
  outbox.length = 0;
  faults.length = 0;
  seenKeys.clear();
});

function takeFault(to: string): OutboxFault | undefined {
  const fault = faults.find((f) => f.count > 0 && (!f.to || f.to === to));
  if (fault) fault.count--;
  return fault;
}

export const mailSim = new Hono()
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
  .post('/', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Partial<OutboxMail> | null;
    if (!body || typeof body.to !== 'string' || typeof body.subject !== 'string' || typeof body.text !== 'string')
      return c.json({ error: 'to, subject and text are required' }, 400);
    const fault = takeFault(body.to);
    if (fault) return c.json({ error: `simulated failure (${fault.status})` }, fault.status as 400);
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
