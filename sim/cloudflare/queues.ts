// Queues: list (filtered by one or more `name`), create, get, and their Worker consumers (one per queue) with
// batch settings within Cloudflare's limits (https://developers.cloudflare.com/queues/platform/limits/; out of them:
// code 10207, "Request JSON body does not match expected schema", https://developers.cloudflare.com/queues/reference/error-codes/)
// and a dead-letter queue, which must itself exist.
import type { Context } from 'hono';
import type { Queue, QueueConsumer } from '../../devkit/cloudflare-controls.ts';
import { QUEUE_CONSUMER_LIMITS } from '../../src/config/platform.ts';
import { type CfContext, fail, jsonBody, newRouter, ok, paged } from './api.ts';
import { type Account, newId, now } from './state.ts';

const QUEUE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface ConsumerBody {
  type?: string;
  script_name?: string;
  dead_letter_queue?: string;
  settings?: Record<string, unknown>;
}

/** The queue as the API shows it: producers are the Workers whose deployed version binds it. */
function describe(account: Account, queue: Queue) {
  const producers = [...account.scripts.values()]
    .filter((script) =>
      script.versions.at(-1)?.bindings.some((b) => b.type === 'queue' && b.queue_name === queue.queue_name),
    )
    .map((script) => ({ type: 'worker', script: script.name }));
  return {
    ...queue,
    producers,
    producers_total_count: producers.length,
    consumers_total_count: queue.consumers.length,
  };
}

function findQueue(c: CfContext): Queue | undefined {
  return c.get('account').queues.get(c.req.param('queueId') ?? '');
}

const queueNotFound = (c: Context) => fail(c, 404, 11000, 'Queue does not exist');

/** Checks a consumer body against the account; answers the error, or the consumer's fields. */
function consumerFields(c: CfContext, body: ConsumerBody | undefined) {
  const account = c.get('account');
  if (body?.type !== 'worker' || !body.script_name)
    return fail(c, 400, 11001, 'type "worker" and script_name required');
  if (!account.scripts.has(body.script_name)) return fail(c, 404, 10007, `Worker "${body.script_name}" does not exist`);
  const outOfRange = Object.values(QUEUE_CONSUMER_LIMITS).flatMap(({ api, min, max, factor }) => {
    const value = body.settings?.[api];
    if (value === undefined) return [];
    return typeof value === 'number' && Number.isInteger(value) && value >= min * factor && value <= max * factor
      ? []
      : [`settings.${api} must be from ${min * factor} to ${max * factor}`];
  });
  if (outOfRange.length) return fail(c, 400, 10207, 'Request JSON body does not match expected schema', outOfRange);
  const dlq = body.dead_letter_queue;
  if (dlq && ![...account.queues.values()].some((q) => q.queue_name === dlq))
    return fail(c, 400, 11000, `Dead letter queue "${dlq}" does not exist`);
  return { script: body.script_name, dead_letter_queue: dlq, settings: body.settings ?? {} };
}

export const queueRoutes = newRouter()
  .get('/accounts/:accountId/queues', (c) => {
    const account = c.get('account');
    const names = c.req.queries('name') ?? [];
    const queues = [...account.queues.values()]
      .filter((q) => names.length === 0 || names.includes(q.queue_name))
      .map((q) => describe(account, q));
    return paged(c, queues, 100);
  })
  .post('/accounts/:accountId/queues', async (c) => {
    const body = await jsonBody<{ queue_name?: string }>(c);
    const name = body?.queue_name ?? '';
    if (!QUEUE_NAME.test(name)) return fail(c, 400, 11003, 'queue_name must be lowercase letters, digits and hyphens');
    const account = c.get('account');
    if ([...account.queues.values()].some((q) => q.queue_name === name))
      return fail(c, 409, 11009, 'A queue with this name already exists');
    const queue: Queue = { queue_id: newId(), queue_name: name, created_on: now(), modified_on: now(), consumers: [] };
    account.queues.set(queue.queue_id, queue);
    return ok(c, describe(account, queue));
  })
  .get('/accounts/:accountId/queues/:queueId', (c) => {
    const queue = findQueue(c);
    return queue ? ok(c, describe(c.get('account'), queue)) : queueNotFound(c);
  })
  .post('/accounts/:accountId/queues/:queueId/consumers', async (c) => {
    const queue = findQueue(c);
    if (!queue) return queueNotFound(c);
    const fields = consumerFields(c, await jsonBody<ConsumerBody>(c));
    if (fields instanceof Response) return fields;
    if (queue.consumers.length) return fail(c, 409, 11004, 'This queue already has a consumer');
    const consumer: QueueConsumer = { consumer_id: newId(), type: 'worker', ...fields, created_on: now() };
    queue.consumers.push(consumer);
    queue.modified_on = now();
    return ok(c, consumer);
  })
  .put('/accounts/:accountId/queues/:queueId/consumers/:consumerId', async (c) => {
    const queue = findQueue(c);
    const index = queue?.consumers.findIndex((x) => x.consumer_id === c.req.param('consumerId')) ?? -1;
    const existing = queue?.consumers[index];
    if (!queue || !existing) return fail(c, 404, 11000, 'Consumer does not exist');
    const fields = consumerFields(c, await jsonBody<ConsumerBody>(c));
    if (fields instanceof Response) return fields;
    queue.consumers[index] = { ...existing, ...fields };
    queue.modified_on = now();
    return ok(c, queue.consumers[index]);
  });
