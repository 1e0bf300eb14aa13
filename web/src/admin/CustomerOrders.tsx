// A customer's purchases and grants, with a refund per paid order (up to what the customer paid, tax included), their
// refunds and their Stripe disputes, each in words. A refund is made in Stripe; the cap drops when Stripe's
// confirmation reaches the shop, as after a refund in the Stripe dashboard, and comes back if the refund fails.
import { useEffect, useState } from 'preact/hooks';
import type {
  AdminActionAnswer,
  AdminOrder,
  CustomerDetail as Detail,
  DisputeView,
  OrdersPage,
  RefundView,
} from '../../../src/shared/admin.ts';
import { gbForAmount } from '../../../src/shared/billing.ts';
import { formatDateTime, formatMoney } from '../../../src/shared/format.ts';
import { api, freshIdempotencyKey, read } from '../api.ts';
import { type Column, Table } from '../components/Table.tsx';
import { purchaseAdjustments, purchaseItemText, purchaseKindText, purchaseStatusText } from '../purchase-words.ts';
import { moneyInput, parseMoney } from './amounts.ts';
import { Action, useActionFeedback } from './CustomerActions.tsx';
import { disputeReason } from './ui.tsx';

const REASONS = [
  ['requested_by_customer', 'Requested by the customer'],
  ['duplicate', 'Duplicate payment'],
  ['fraudulent', 'Fraudulent'],
] as const;
type Reason = (typeof REASONS)[number][0];

const DISPUTE_STATUS: Record<string, string> = {
  warning_needs_response: 'Inquiry: needs a response',
  warning_under_review: 'Inquiry: under review',
  warning_closed: 'Inquiry closed',
  needs_response: 'Needs a response',
  under_review: 'Under review',
  won: 'Won',
  lost: 'Lost',
  prevented: 'Prevented: Stripe refunded it before a chargeback',
  appeal_needs_response: 'Lost, appealed: the appeal needs your evidence',
  appeal_under_review: 'Lost, appealed: the appeal is under review',
};
const disputeStatus = (x: DisputeView) =>
  x.status === 'lost' && x.fundsReinstated
    ? 'Lost, then withdrawn by the cardholder: the money came back'
    : (DISPUTE_STATUS[x.status] ?? x.status.replace(/_/g, ' '));

/** An order not (or no longer) paid, in the operator's words; a paid one says what became of it (purchaseStatusText). */
const ORDER_STATUS: Record<Exclude<AdminOrder['status'], 'paid'>, string> = {
  pending: 'Not paid yet',
  failed: 'Payment failed',
  expired: 'Checkout abandoned',
  refunded: 'Refunded in full',
};

/** What the customer paid for the order: its price after any promotion code, and the tax on top. */
const charged = (o: AdminOrder) => o.price + o.tax;

const refundable = (o: AdminOrder) =>
  o.kind !== 'grant' && (o.status === 'paid' || o.status === 'refunded') && o.refundedAmount < charged(o);

const REFUND_FAILURE: Record<string, string> = {
  lost_or_stolen_card: 'the card was reported lost or stolen',
  expired_or_canceled_card: 'the card expired or was closed',
};

/** A refund in words: what became of it, and what that means for the money and the GB. */
function refundOutcome(r: RefundView): string {
  if (r.status === 'failed')
    return `Failed (${REFUND_FAILURE[r.failureReason ?? ''] ?? 'the bank refused it'}): the money stayed with you and the GB are back. Pay the customer another way.`;
  if (r.status === 'canceled') return 'Canceled: nothing was refunded.';
  if (r.status === 'succeeded') return 'Refunded.';
  return 'On its way to the customer.';
}

type Handlers = { onDone: (answer: AdminActionAnswer) => void; onReauth: () => void };

function Refund({ customerId, order, handlers }: { customerId: string; order: AdminOrder; handlers: Handlers }) {
  const left = charged(order) - order.refundedAmount;
  const [amount, setAmount] = useState(() => moneyInput(left, order.currency));
  const [reason, setReason] = useState<Reason>('requested_by_customer');
  // One key per opened dialog: confirming again after a timeout replays the same refund.
  const [key, setKey] = useState(() => freshIdempotencyKey('refund'));
  const minor = parseMoney(amount, order.currency);
  const valid = minor !== null && minor >= 1 && minor <= left;
  const gbLost = valid ? gbForAmount(order.gb, order.refundedAmount + minor, charged(order)) - order.refundedGb : null;
  const id = `refund-${order.id}`;
  return (
    <Action
      label="Refund"
      title={`Refund ${order.tierName} (order ${order.id.slice(-6)})`}
      confirmLabel="Refund in Stripe"
      danger
      explain={`Refunds the payment in Stripe (${formatMoney(left, order.currency)} of it is left to refund). When Stripe confirms, the customer's cap drops by the refunded share of this order's ${order.gb} GB, exactly as after a refund in the Stripe dashboard.`}
      onOpen={() => {
        setKey(freshIdempotencyKey('refund'));
        setAmount(moneyInput(left, order.currency));
      }}
      run={() => {
        if (!valid)
          return `Enter an amount from ${formatMoney(1, order.currency)} to ${formatMoney(left, order.currency)}.`;
        return read(
          api.admin.customers[':id'].orders[':orderId'].refund.$post({
            param: { id: customerId, orderId: order.id },
            header: { 'idempotency-key': key },
            json: { amount: minor, reason },
          }),
        );
      }}
      {...handlers}
    >
      <div class="field-row">
        <div class="field">
          <label for={`${id}-amount`}>Amount ({order.currency.toUpperCase()})</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            required
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-reason`}>Reason (sent to Stripe)</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.currentTarget.value as Reason)}>
            {REASONS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="muted" aria-live="polite">
        {gbLost === null
          ? 'Enter an amount like 12.50.'
          : `The customer loses ${gbLost} GB of this order (the refunded share, rounded up).`}
      </p>
    </Action>
  );
}

function orderColumns(customerId: string, handlers: Handlers): Column<AdminOrder>[] {
  return [
    { head: 'Date', cell: (o) => formatDateTime(o.paidAt ?? o.createdAt) },
    {
      head: 'What',
      cell: (o) => (
        <>
          <span class="kind">{purchaseKindText(o)}</span> {purchaseItemText(o)}
        </>
      ),
    },
    {
      head: 'Paid',
      cell: (o) =>
        o.kind === 'grant' ? (
          'Free'
        ) : (
          <>
            {formatMoney(charged(o), o.currency)}
            {o.discount > 0 && <span class="muted"> (code −{formatMoney(o.discount, o.currency)})</span>}
            {o.tax > 0 && <span class="muted"> (tax {formatMoney(o.tax, o.currency)})</span>}
          </>
        ),
    },
    {
      head: 'Status',
      cell: (o) => (
        <>
          <span>{o.status === 'paid' ? purchaseStatusText(o) : ORDER_STATUS[o.status]}</span>
          {purchaseAdjustments(o, (minor) => formatMoney(minor, o.currency)).map((line) => (
            <span key={line} class="muted note">
              {line}
            </span>
          ))}
        </>
      ),
    },
    {
      head: 'Refund',
      hideHead: true,
      cell: (o) => refundable(o) && <Refund customerId={customerId} order={o} handlers={handlers} />,
    },
  ];
}

/** The detail's newest orders, then older ones a page at a time on request (keyset: `ordersNext`). */
export function Orders({ d, onChanged }: { d: Detail; onChanged: () => void }) {
  const { handlers, feedback } = useActionFeedback(onChanged);
  const [older, setOlder] = useState<{ orders: AdminOrder[]; next: string | null; error: boolean }>({
    orders: [],
    next: d.ordersNext,
    error: false,
  });
  // A changed detail (after an action) starts the list over from its newest orders.
  useEffect(() => setOlder({ orders: [], next: d.ordersNext, error: false }), [d]);
  const rows = [...d.orders, ...older.orders];
  const more = async () => {
    if (!older.next) return;
    try {
      const page = await read<OrdersPage>(
        api.admin.customers[':id'].orders.$get({ param: { id: d.customer.id }, query: { before: older.next } }),
      );
      setOlder((o) => ({ orders: [...o.orders, ...page.orders], next: page.ordersNext, error: false }));
    } catch {
      setOlder((o) => ({ ...o, error: true }));
    }
  };
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Purchases and grants</h2>
      {feedback}
      {rows.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <Table
          caption="Purchases and grants"
          columns={orderColumns(d.customer.id, handlers)}
          rows={rows}
          rowKey={(o) => o.id}
        />
      )}
      {older.next && (
        <button type="button" class="secondary" onClick={more}>
          Older purchases
        </button>
      )}
      {older.error && <p role="alert">The older purchases could not be loaded. Try again.</p>}
    </section>
  );
}

export function Refunds({ d }: { d: Detail }) {
  if (d.refunds.length === 0) return null;
  const tierOf = new Map(d.orders.map((o) => [o.id, o.tierName]));
  const columns: Column<RefundView>[] = [
    { head: 'Made', cell: (r) => formatDateTime(r.createdAt) },
    { head: 'Order', cell: (r) => tierOf.get(r.orderId) ?? r.orderId },
    { head: 'Amount', cell: (r) => formatMoney(r.amount, r.currency) },
    { head: 'What happened', cell: refundOutcome },
  ];
  return (
    <section aria-labelledby="refunds-title">
      <h2 id="refunds-title">Refunds</h2>
      <Table caption="Refunds" columns={columns} rows={d.refunds} rowKey={(r) => r.id} />
    </section>
  );
}

/** The page's flag for an open dispute: the GB are held until it is decided, and Stripe wants an answer. */
export function DisputeFlag({ d }: { d: Detail }) {
  const open = d.disputes.filter((x) => x.open);
  if (open.length === 0) return null;
  const held = open.reduce((sum, x) => sum + x.heldGb, 0);
  return (
    <p class="banner warn">
      {open.length === 1 ? 'An open dispute' : `${open.length} open disputes`}: {held} GB are held out of the key until
      Stripe decides. Answer it in the Stripe dashboard before its deadline.
    </p>
  );
}

export function Disputes({ d }: { d: Detail }) {
  const tierOf = new Map(d.orders.map((o) => [o.id, o.tierName]));
  const columns: Column<DisputeView>[] = [
    { head: 'Opened', cell: (x) => formatDateTime(x.createdAt) },
    { head: 'Order', cell: (x) => tierOf.get(x.orderId) ?? x.orderId },
    { head: 'Amount', cell: (x) => formatMoney(x.amount, x.currency) },
    { head: 'Reason', cell: (x) => disputeReason(x.reason) },
    {
      head: 'Status',
      cell: (x) => (
        <>
          {disputeStatus(x)}
          {x.closedAt !== null && <span class="muted"> · {formatDateTime(x.closedAt)}</span>}
        </>
      ),
    },
    { head: 'GB held', cell: (x) => x.heldGb },
  ];
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes</h2>
      {d.disputes.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <Table caption="Disputes" columns={columns} rows={d.disputes} rowKey={(x) => x.id} />
      )}
    </section>
  );
}
