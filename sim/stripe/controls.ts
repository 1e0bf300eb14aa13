// Test controls under /_sim/stripe (README "Simulators"): act as the customer (pay, with a promotion code and tax,
// async, settle, refund, dispute), Stripe (expire a session, move its clock, delete a customer, disable an endpoint),
// the card network (review, decide, appeal or withdraw a dispute) or the bank (the outcome of off-session charges, a
// debit settling days later, a refund failing), read events and the exact deliveries, re-deliver or duplicate, hold
// and reorder, delay, sign; fail or slow down the API and read what it received.
import { type Context, Hono } from 'hono';
import { createCustomer } from './api.ts';
import { advanceClock, catchUp, nowMs } from './clock.ts';
import { config } from './config.ts';
import {
  deliver,
  deliveries,
  events,
  hold,
  type ReleaseOrder,
  release,
  type SimDelivery,
  type SimEvent,
  setDelay,
} from './delivery.ts';
import { appealDispute, closeDispute, disputeOr404, openDispute, reviewDispute, withdrawDispute } from './disputes.ts';
import { disableEndpoint, endpointOr404 } from './endpoints.ts';
import { addFault, clearFaults, receivedRequests, type StripeFault } from './faults.ts';
import { ParamError } from './form.ts';
import { OFF_SESSION_OUTCOMES, type OffSessionOutcome, setOffSessionOutcome, settleIntent } from './intents.ts';
import {
  chargeOfSession,
  expire,
  pay,
  SimStateError,
  saveCard,
  sessionOr404,
  settle,
  startAsync,
} from './lifecycle.ts';
import { charges, deleteCustomer, disputes, paymentIntents, publicSession, refunds, sessions } from './objects.ts';
import { failRefund, REFUND_FAILURES, refund } from './refunds.ts';
import { signPayload } from './signing.ts';
import { calculations, taxTransactions } from './tax.ts';

async function jsonBody<T>(c: Context): Promise<Partial<T>> {
  return ((await c.req.json().catch(() => ({}))) ?? {}) as Partial<T>;
}

/** The answer of `fn`, or 409 when the object is missing or its state does not allow the change. */
function stateErrorAnswer(c: Context, fn: () => unknown) {
  try {
    return c.json(fn());
  } catch (err) {
    if (err instanceof SimStateError || err instanceof ParamError) return c.json({ error: err.message }, 409);
    throw err;
  }
}

const summary = (made: SimEvent[]) => ({ events: made.map((e) => ({ id: e.id, type: e.type })) });

/** Customers one bulk call may create (a benchmark seeds tens of thousands). */
const BULK_MAX_CUSTOMERS = 10_000;

/** A delivery as the controls show it (without the endpoint's secret). */
const shown = ({ _secret, ...delivery }: SimDelivery) => delivery;

function found<T>(map: Map<string, T>, id: string, what: string): T {
  const object = map.get(id);
  if (!object) throw new SimStateError(`No such ${what}: '${id}'`);
  return object;
}

export const stripeControls = new Hono()
  .use('*', async (_c, next) => {
    catchUp();
    await next();
  })
  /** `{advanceMs}` or `{advanceHours}`: moves Stripe's clock (idempotency keys age, sessions expire). */
  .post('/clock', async (c) => {
    const { advanceMs, advanceHours } = await jsonBody<{ advanceMs: number; advanceHours: number }>(c);
    const ms =
      typeof advanceMs === 'number' ? advanceMs : typeof advanceHours === 'number' ? advanceHours * 3_600_000 : 0;
    return c.json({ offsetMs: advanceClock(ms), now: new Date(nowMs()).toISOString() });
  })
  /**
   * `{emails: string[]}` (at most 10,000): each a Customer as `POST /v1/customers` creates it, with a card saved as a
   * Checkout with `setup_future_usage: off_session` saves it; answers `[{customer, paymentMethod}]` in order. For
   * benchmarks whose customers turned auto top-up on without going through Checkout each.
   */
  .post('/customers/bulk', async (c) => {
    const { emails } = await jsonBody<{ emails: unknown }>(c);
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > BULK_MAX_CUSTOMERS)
      return c.json({ error: `send {emails: [...]}, 1–${BULK_MAX_CUSTOMERS} addresses` }, 400);
    return c.json(
      emails.map((email) => {
        const customer = createCustomer({ email: String(email) });
        return { customer: customer.id, paymentMethod: saveCard(customer.id).id };
      }),
      201,
    );
  })
  .get('/sessions', (c) => c.json([...sessions.values()].map(publicSession)))
  .get('/sessions/:id', (c) => stateErrorAnswer(c, () => publicSession(sessionOr404(c.req.param('id')))))
  /** `{discount, taxPercent}`: a promotion code's amount off and the tax rate, where the session allows them. */
  .post('/sessions/:id/pay', async (c) => {
    const { discount, taxPercent } = await jsonBody<{ discount: number; taxPercent: number }>(c);
    return stateErrorAnswer(c, () =>
      summary(
        pay(sessionOr404(c.req.param('id')), {
          discount: typeof discount === 'number' ? discount : undefined,
          taxPercent: typeof taxPercent === 'number' ? taxPercent : undefined,
        }),
      ),
    );
  })
  .post('/sessions/:id/async', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'succeeded' | 'failed' }>(c);
    return stateErrorAnswer(c, () => {
      const session = sessionOr404(c.req.param('id'));
      const made = startAsync(session);
      if (outcome === 'succeeded' || outcome === 'failed') made.push(...settle(session, outcome));
      return summary(made);
    });
  })
  .post('/sessions/:id/settle', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'succeeded' | 'failed' }>(c);
    if (outcome !== 'succeeded' && outcome !== 'failed')
      return c.json({ error: 'outcome must be "succeeded" or "failed"' }, 400);
    return stateErrorAnswer(c, () => summary(settle(sessionOr404(c.req.param('id')), outcome)));
  })
  /** Stripe expires the session now (as at its expires_at): `checkout.session.expired`. */
  .post('/sessions/:id/expire', (c) => stateErrorAnswer(c, () => summary(expire(sessionOr404(c.req.param('id'))))))
  .post('/sessions/:id/refund', async (c) => {
    const { amount } = await jsonBody<{ amount: number }>(c);
    return stateErrorAnswer(c, () => {
      const charge = chargeOfSession(sessionOr404(c.req.param('id')));
      const made = refund(charge, typeof amount === 'number' ? amount : null, null);
      return { refund: made.refund.id, ...summary(made.events) };
    });
  })
  .post('/sessions/:id/dispute', async (c) => {
    const { amount, reason, inquiry, prevented } = await jsonBody<{
      amount: number;
      reason: string;
      inquiry: boolean;
      prevented: boolean;
    }>(c);
    return stateErrorAnswer(c, () => {
      const opened = openDispute(chargeOfSession(sessionOr404(c.req.param('id'))), {
        amount: typeof amount === 'number' ? amount : null,
        reason: typeof reason === 'string' ? reason : null,
        inquiry: inquiry === true,
        prevented: prevented === true,
      });
      return { dispute: opened.dispute.id, ...summary(opened.events) };
    });
  })
  .get('/disputes', (c) => c.json([...disputes.values()]))
  .get('/payment_intents', (c) => c.json([...paymentIntents.values()]))
  .get('/refunds', (c) => c.json([...refunds.values()]))
  /** The bank could not return a refund (`{reason}`: lost_or_stolen_card, expired_or_canceled_card or unknown). */
  .post('/refunds/:id/fail', async (c) => {
    const { reason } = await jsonBody<{ reason: string }>(c);
    const why = REFUND_FAILURES.find((r) => r === reason) ?? 'expired_or_canceled_card';
    return stateErrorAnswer(c, () => {
      const failed = found(refunds, c.req.param('id'), 'refund');
      return summary(failRefund(failed, found(charges, failed.charge, 'charge'), why));
    });
  })
  /** What the bank says to the next off-session charges (of `customer`, or everyone's): `{outcome, customer?}`. */
  .post('/off-session', async (c) => {
    const { outcome, customer } = await jsonBody<{ outcome: OffSessionOutcome; customer: string }>(c);
    if (!OFF_SESSION_OUTCOMES.includes(outcome as OffSessionOutcome))
      return c.json({ error: `outcome must be one of ${OFF_SESSION_OUTCOMES.join(', ')}` }, 400);
    setOffSessionOutcome(outcome as OffSessionOutcome, typeof customer === 'string' ? customer : undefined);
    return c.json({ outcome, customer: customer ?? '*' });
  })
  /** A `processing` debit settles: `{outcome: 'succeeded' | 'failed'}`. */
  .post('/payment_intents/:id/settle', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'succeeded' | 'failed' }>(c);
    if (outcome !== 'succeeded' && outcome !== 'failed')
      return c.json({ error: 'outcome must be "succeeded" or "failed"' }, 400);
    return stateErrorAnswer(c, () =>
      summary(settleIntent(found(paymentIntents, c.req.param('id'), 'payment_intent'), outcome)),
    );
  })
  /** The customer is deleted in the Stripe dashboard (as DELETE /v1/customers/:id). */
  .post('/customers/:id/delete', (c) => stateErrorAnswer(c, () => deleteCustomer(c.req.param('id'))))
  .get('/tax/calculations', (c) => c.json([...calculations.values()]))
  .get('/tax/transactions', (c) => c.json(taxTransactions))
  /** Stripe disables an endpoint that kept failing. */
  .post('/webhook_endpoints/:id/disable', (c) =>
    stateErrorAnswer(c, () => disableEndpoint(endpointOr404(c.req.param('id')))),
  )
  .post('/disputes/:id/review', (c) =>
    stateErrorAnswer(c, () => summary(reviewDispute(disputeOr404(c.req.param('id'))))),
  )
  /** The merchant appeals a lost chargeback (`appeal_needs_response`). */
  .post('/disputes/:id/appeal', (c) =>
    stateErrorAnswer(c, () => summary(appealDispute(disputeOr404(c.req.param('id'))))),
  )
  /** The cardholder withdraws a lost chargeback: `charge.dispute.funds_reinstated`. */
  .post('/disputes/:id/withdraw', (c) =>
    stateErrorAnswer(c, () => summary(withdrawDispute(disputeOr404(c.req.param('id'))))),
  )
  .post('/disputes/:id/close', async (c) => {
    const { outcome } = await jsonBody<{ outcome: 'won' | 'lost' }>(c);
    if (outcome !== 'won' && outcome !== 'lost') return c.json({ error: 'outcome must be "won" or "lost"' }, 400);
    return stateErrorAnswer(c, () => summary(closeDispute(disputeOr404(c.req.param('id')), outcome)));
  })
  .get('/events', (c) => c.json(events))
  .get('/deliveries', (c) => {
    const { eventId, type, sessionId } = c.req.query();
    const matching = deliveries.filter(
      (d) =>
        (!eventId || d.eventId === eventId) &&
        (!type || d.type === type) &&
        (!sessionId || d.payload.includes(`"${sessionId}"`)),
    );
    return c.json(matching.map(shown));
  })
  /** Re-deliver an event (count 1) or duplicate it (count n, all sent at once), each with a fresh signature. */
  .post('/events/:id/deliver', async (c) => {
    const event = events.find((e) => e.id === c.req.param('id'));
    if (!event) return c.json({ error: `No such event: ${c.req.param('id')}` }, 404);
    const { count } = await jsonBody<{ count: number }>(c);
    const n = typeof count === 'number' && Number.isInteger(count) && count > 0 && count <= 1000 ? count : 1;
    return c.json(deliver(event, n).map(shown));
  })
  /** Hold deliveries (nothing is sent until release), to reorder or delay them. */
  .post('/hold', (c) => c.json({ holding: hold() }))
  /** Send held deliveries in the given order: fifo (default), reverse, or shuffle; or `drop` them unsent. */
  .post('/release', async (c) => {
    const { order } = await jsonBody<{ order: ReleaseOrder }>(c);
    return c.json(release(order).map((d) => ({ id: d.id, eventId: d.eventId, type: d.type })));
  })
  /** Wait this many ms before each delivery is sent (0 turns it off). */
  .post('/delay', async (c) => {
    const { ms } = await jsonBody<{ ms: number }>(c);
    return c.json({ delayMs: setDelay(ms) });
  })
  /** Stripe is down for the next `count` API calls (500 `api_error`); 0 ends it (and any other fault). */
  .post('/outage', async (c) => {
    const { count } = await jsonBody<{ count: number }>(c);
    clearFaults();
    const queued = addFault({ remaining: typeof count === 'number' ? count : 0 });
    return c.json({ failing: queued[0]?.remaining ?? 0 });
  })
  /** Queue a fault for the next `count` API calls (after those already queued); DELETE clears them. */
  .post('/faults', async (c) => {
    const { count, status, type, code, decline_code, param, message, shouldRetry, slowMs } = await jsonBody<
      Omit<StripeFault, 'remaining'> & { count: number }
    >(c);
    const fault: StripeFault = { remaining: typeof count === 'number' ? count : 1 };
    if (typeof status === 'number' && status >= 400 && status <= 599) fault.status = status;
    for (const [name, value] of Object.entries({ type, code, decline_code, param, message }))
      if (typeof value === 'string') fault[name as 'type'] = value;
    if (typeof shouldRetry === 'boolean') fault.shouldRetry = shouldRetry;
    if (typeof slowMs === 'number' && slowMs > 0 && slowMs <= 60_000) fault.slowMs = slowMs;
    return c.json({ faults: addFault(fault) });
  })
  .delete('/faults', (c) => {
    clearFaults();
    return c.json({ faults: [] });
  })
  /** Every API call received since the last reset: method, path, the encoded and decoded parameters, headers, status. */
  .get('/requests', (c) => c.json(receivedRequests()))
  /** Signs any payload with the endpoint secret (or another secret/timestamp), for signature tests. */
  .post('/sign', async (c) => {
    const { payload, timestamp, secret } = await jsonBody<{ payload: string; timestamp: number; secret: string }>(c);
    if (typeof payload !== 'string') return c.json({ error: 'payload (string) is required' }, 400);
    return c.json({
      signature: signPayload(
        payload,
        typeof secret === 'string' ? secret : config().webhookSecret,
        typeof timestamp === 'number' ? timestamp : undefined,
      ),
    });
  });
