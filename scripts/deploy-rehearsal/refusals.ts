// What the local Cloudflare API refuses as Cloudflare does, asked directly on an account of its own: a second KV
// namespace with one title (10014), a cron Cloudflare does not take (10100), a queue consumer setting out of range
// (10207), a var over 5 KB (10021). The deploy path meets the first on a retried first deploy, the last when an
// oversized var gets past `npm run check`; the rehearsal shows all four answer in Cloudflare's shape.
import type { CloudflareControls } from '../../devkit/cloudflare-controls.ts';
import type { Check } from './checks.ts';

interface ApiAnswer {
  success: boolean;
  errors: { code: number; message: string }[];
}

const WORKER = 'export default { fetch() { return new Response("ok"); } };';

/** `apiUrl`: the local Cloudflare API's root; `controls`: its test controls. */
export async function checkRefusals(apiUrl: string, controls: CloudflareControls): Promise<Check[]> {
  const account = await controls.openAccount('Refusals (rehearsal)');
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number } & ApiAnswer> => {
    const res = await fetch(`${apiUrl}/client/v4/accounts/${account.accountId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${account.token}`,
        ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, ...((await res.json()) as ApiAnswer) };
  };
  const upload = (bindings: unknown[]) => {
    const form = new FormData();
    form.set('metadata', JSON.stringify({ main_module: 'index.js', bindings, compatibility_date: '2026-11-01' }));
    form.set('index.js', new Blob([WORKER], { type: 'application/javascript+module' }), 'index.js');
    return api('PUT', '/workers/scripts/refusals', form);
  };
  const refused = (answer: ApiAnswer & { status: number }, code: number, message: RegExp) =>
    answer.status === 400 && answer.errors[0]?.code === code && message.test(answer.errors[0]?.message ?? '');
  const said = (answer: ApiAnswer) => `answered ${JSON.stringify(answer.errors)}`;

  const first = await api('POST', '/storage/kv/namespaces', { title: 'proxy-storefront-cache' });
  const second = await api('POST', '/storage/kv/namespaces', { title: 'proxy-storefront-cache' });
  const oversized = await upload([{ name: 'BRAND', type: 'plain_text', text: 'x'.repeat(5_001) }]);
  const uploaded = await upload([{ name: 'BRAND', type: 'plain_text', text: 'x'.repeat(5_000) }]);
  const cron = await api('PUT', '/workers/scripts/refusals/schedules', [{ cron: '0 22 * * 0' }]);
  const queue = await api('POST', '/queues', { queue_name: 'refusals' });
  const queueId = (queue as unknown as { result: { queue_id: string } }).result.queue_id;
  const consumer = await api('POST', `/queues/${queueId}/consumers`, {
    type: 'worker',
    script_name: 'refusals',
    settings: { batch_size: 101 },
  });
  return [
    {
      name: 'a second KV namespace with the same title: 10014 "a namespace with this account ID and title already exists"',
      ok: first.success && refused(second, 10014, /^a namespace with this account ID and title already exists$/),
      detail: said(second),
    },
    {
      name: 'a var of 5,001 bytes: 10021, naming the binding and the 5 KB limit (5,000 bytes pass)',
      ok: refused(oversized, 10021, /binding BRAND of type plain_text is 5001 bytes.*5 KB/) && uploaded.success,
      detail: said(oversized),
    },
    {
      name: 'the cron "0 22 * * 0" (weekdays are 1-7): 10100 "invalid cron string"',
      ok: refused(cron, 10100, /^invalid cron string$/),
      detail: said(cron),
    },
    {
      name: 'a queue consumer with batches of 101: 10207 "Request JSON body does not match expected schema"',
      ok: refused(consumer, 10207, /^Request JSON body does not match expected schema$/),
      detail: said(consumer),
    },
  ];
}
