// `npm run bench:signin-flood` against a running `npm run dev` (default vars): can strangers switch sign-in off?
// A customer signs in first; then 210 sign-in requests for fresh addresses arrive from 210 distinct IPv6 /64s of one
// /56 (the Worker reads the client's network from CF-Connecting-IP, which `wrangler dev` passes through when sent);
// then the operator (admin@example.com) and that customer each ask for a link. Passes when both links reach the
// outbox. Prints what every request was answered and how many links the flood got.
// Env: SHOP_URL (default http://localhost:8787), SIM_URL (default http://127.0.0.1:8790), OPERATOR, FLOOD (210).
const SHOP_URL = process.env.SHOP_URL ?? `http://localhost:${process.env.PORT ?? 8787}`;
const SIM_URL = process.env.SIM_URL ?? `http://127.0.0.1:${process.env.SIM_PORT ?? 8790}`;
const OPERATOR = process.env.OPERATOR ?? 'admin@example.com';
const FLOOD = Number(process.env.FLOOD ?? 210);
const run = Date.now().toString(36);
const CUSTOMER = `before-the-flood-${run}@example.com`;

interface Mail {
  to: string;
  text: string;
}

async function askForLink(email: string, ip: string): Promise<string> {
  const res = await fetch(`${SHOP_URL}/api/auth/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_URL, 'cf-connecting-ip': ip },
    body: JSON.stringify({ email }),
  });
  const body = (await res.json().catch(() => ({}))) as { status?: string; error?: { code: string } };
  return `${res.status} ${body.status ?? body.error?.code ?? ''}`.trim();
}

const outbox = async (to: string) =>
  (await (await fetch(`${SIM_URL}/_sim/outbox?to=${encodeURIComponent(to)}`)).json()) as Mail[];

/** The newest sign-in link mailed to `to` once more than `seen` mails have arrived (up to 15 s). */
async function newLink(to: string, seen: number): Promise<string | null> {
  for (let i = 0; i < 150; i++) {
    const mails = await outbox(to);
    const link = mails.length > seen ? /\/auth\/verify#token=([A-Za-z0-9_-]+)/.exec(mails.at(-1)!.text)?.[1] : null;
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

function tally(answers: string[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  return [...counts].map(([answer, n]) => `${n} × ${answer}`).join(', ');
}

async function main(): Promise<void> {
  if (!(await fetch(`${SHOP_URL}/api/healthz`).catch(() => undefined))) {
    console.error(`no shop at ${SHOP_URL}: start \`npm run dev\` first`);
    process.exit(1);
  }
  // A customer who signed in before the flood.
  console.log(`customer ${CUSTOMER}: ${await askForLink(CUSTOMER, '198.51.100.10')}`);
  const token = await newLink(CUSTOMER, 0);
  const verified = await fetch(`${SHOP_URL}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_URL },
    body: JSON.stringify({ token }),
  });
  console.log(`customer signed in: ${verified.status}`);

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
    await Promise.all(Array.from({ length: FLOOD }, (_, n) => outbox(`flood-${run}-${n}@example.com`)))
  ).reduce((sum, mails) => sum + mails.length, 0);
  console.log(`flood: ${FLOOD} requests from ${FLOOD} /64s → ${tally(answers)}; ${floodMails} links mailed to them`);

  let ok = true;
  for (const [who, ip] of [
    [OPERATOR, '198.51.100.20'],
    [CUSTOMER, '198.51.100.21'],
  ] as const) {
    const seen = (await outbox(who)).length;
    const answer = await askForLink(who, ip);
    const link = await newLink(who, seen);
    console.log(`${who}: ${answer}; sign-in link in the outbox: ${link ? 'yes' : 'NO'}`);
    ok &&= link !== null;
  }
  console.log(ok ? '✓ sign-in still works for the operator and the customer' : '✗ sign-in was switched off');
  process.exit(ok ? 0 : 1);
}

void main();
