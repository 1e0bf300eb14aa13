// `npm run bench:signin-flood` against a running `npm run dev` (default vars): can strangers switch sign-in off?
// A customer signs in first; then 210 sign-in requests for fresh addresses arrive from 210 distinct IPv6 /64s of one
// /56 (the Worker reads the client's network from CF-Connecting-IP, which `wrangler dev` passes through when sent);
// then the operator (admin@example.com) and that customer each ask for a link. Passes when both links reach the
// outbox. Prints what every request was answered and how many links the flood got.
// Env: SHOP_URL / SIM_URL, or PORT / SIM_PORT (defaults 8787 / 8790), OPERATOR, FLOOD (210).
import { loginToken, shopFetch, signIn, targetFromEnv } from '../devkit/shop-client.ts';

const target = targetFromEnv();
const OPERATOR = process.env.OPERATOR ?? 'admin@example.com';
const FLOOD = Number(process.env.FLOOD ?? 210);
const run = Date.now().toString(36);
const CUSTOMER = `before-the-flood-${run}@example.com`;

/** What the shop answered a sign-in request: the status and `status` or the error's code. */
async function askForLink(email: string, ip: string): Promise<string> {
  const res = await shopFetch(target, '/api/auth/request', { json: { email }, ip });
  const body = (await res.json().catch(() => ({}))) as { status?: string; error?: { code: string } };
  return `${res.status} ${body.status ?? body.error?.code ?? ''}`.trim();
}

async function mailsTo(to: string): Promise<number> {
  const res = await fetch(`${target.sim}/_sim/outbox?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as unknown[]).length;
}

function tally(answers: string[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  return [...counts].map(([answer, n]) => `${n} × ${answer}`).join(', ');
}

async function main(): Promise<void> {
  if (!(await fetch(`${target.shop}/api/healthz`).catch(() => undefined))) {
    console.error(`no shop at ${target.shop}: start \`npm run dev\` first`);
    process.exit(1);
  }
  // A customer who signed in before the flood.
  await signIn(target, CUSTOMER, '198.51.100.10');
  console.log(`customer ${CUSTOMER} signed in`);

  // The flood: fresh addresses, each from its own /64 of 2001:db8:0:ab00::/56, ten at a time.
  const answers: string[] = [];
  for (let i = 0; i < FLOOD; i += 10) {
    const batch = Array.from({ length: Math.min(10, FLOOD - i) }, (_, j) => i + j);
    answers.push(
      ...(await Promise.all(
        batch.map((n) =>
          askForLink(`flood-${run}-${n}@example.com`, `2001:db8:0:ab${n.toString(16).padStart(2, '0')}::1`),
        ),
      )),
    );
  }
  const floodMails = (
    await Promise.all(Array.from({ length: FLOOD }, (_, n) => mailsTo(`flood-${run}-${n}@example.com`)))
  ).reduce((sum, mails) => sum + mails, 0);
  console.log(`flood: ${FLOOD} requests from ${FLOOD} /64s → ${tally(answers)}; ${floodMails} links mailed to them`);

  let ok = true;
  for (const [who, ip] of [
    [OPERATOR, '198.51.100.20'],
    [CUSTOMER, '198.51.100.21'],
  ] as const) {
    const link = await loginToken(target, who, ip).then(
      () => 'yes',
      (err: Error) => `NO (${err.message})`,
    );
    console.log(`${who}: sign-in link in the outbox: ${link}`);
    ok &&= link === 'yes';
  }
  console.log(ok ? '✓ sign-in still works for the operator and the customer' : '✗ sign-in was switched off');
  process.exit(ok ? 0 : 1);
}

void main();
