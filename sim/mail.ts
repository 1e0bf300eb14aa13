// Mail provider simulator: an outbox the shop posts to in development and tests.
import { Hono } from 'hono';
import { onReset } from './state.ts';

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

const outbox: OutboxMail[] = [];
onReset(() => (outbox.length = 0));

export const mailSim = new Hono()
  .get('/', (c) => c.json(outbox))
  .post('/', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Partial<OutboxMail> | null;
    if (!body || typeof body.to !== 'string' || typeof body.subject !== 'string' || typeof body.text !== 'string')
      return c.json({ error: 'to, subject and text are required' }, 400);
    const mail: OutboxMail = { to: body.to, subject: body.subject, text: body.text, html: body.html ?? '', sentAt: new Date().toISOString() };
    outbox.push(mail);
    const link = /https?:\/\/\S+\/auth\/verify#token=\S+/.exec(mail.text)?.[0];
    console.log(`[sim] mail to ${mail.to}: ${mail.subject}${link ? `\n[sim]   sign-in link: ${link}` : ''}`);
    return c.json({ id: `sim_mail_${outbox.length}` }, 202);
  });
