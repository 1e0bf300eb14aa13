// The "Never run dry" panel's settings: usage and expiry reminders on or off, and auto top-up (which plan, when, up to
// how much a month, why it is paused). A chunk of its own, fetched when the panel is shown (Refill.tsx).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatDate, formatMoney, minorUnitsPer } from '../../../src/shared/format.ts';
import type { AutoTopUpCharge, AutoTopUpChoice, AutoTopUpTrigger, AutoTopUpView } from '../../../src/shared/refill.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { announce } from '../state/announce.ts';
import { shopConfig } from '../state/config.ts';
import { useAction, useResource } from '../state/resource.ts';
import { autoTopUpSettings, reminderSettings, setReminders, turnOffAutoTopUp, turnOnAutoTopUp } from './refill-api.ts';

/** Short enough for a select on a phone; the next field names the number. */
const TRIGGERS: Record<AutoTopUpTrigger, string> = {
  gb_left: 'Few GB are left',
  days_left: 'Expiry is near',
};

const CHARGE_STATE: Record<AutoTopUpCharge['state'], string> = {
  charging: 'Charging',
  processing: 'Bank processing',
  succeeded: 'Paid',
  failed: 'Needs you',
  skipped: 'Skipped',
};

const CHARGE_COLUMNS: Column<AutoTopUpCharge>[] = [
  { head: 'Date', cell: (c) => formatDate(c.createdAt), rowHeader: true },
  { head: 'Amount', cell: (c) => formatMoney(c.amount + c.tax, c.currency) },
  { head: 'Status', cell: (c) => CHARGE_STATE[c.state] },
];

function Reminders() {
  const settings = useResource(reminderSettings);
  const change = useAction(setReminders);
  async function toggle(enabled: boolean) {
    const saved = await change.run(enabled);
    if (saved) settings.set(saved);
    announce(saved ? `Reminders ${saved.enabled ? 'on' : 'off'}.` : (change.error.peek()?.message ?? 'Not saved.'));
  }
  return (
    <LoadState state={settings}>
      {(s) => (
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              checked={s.enabled}
              disabled={change.loading.value}
              onChange={(e) => toggle(e.currentTarget.checked)}
            />
            <span>Email me when my traffic runs low or is about to expire</span>
          </label>
          <p class="hint">Receipts and sign-in links are always sent.</p>
        </div>
      )}
    </LoadState>
  );
}

/** `off`: the button that turns it off, beside the one that saves (when it is on). */
function ChoiceForm({
  view,
  onSaved,
  off,
}: {
  view: AutoTopUpView;
  onSaved: (v: AutoTopUpView) => void;
  off?: ComponentChildren;
}) {
  const tiers = shopConfig().tiers;
  const unit = minorUnitsPer(view.currency);
  const suggested = tiers.find((t) => t.highlight) ?? tiers[0];
  const start: AutoTopUpChoice = view.choice ?? {
    tierId: suggested?.id ?? '',
    trigger: 'gb_left',
    threshold: 1,
    monthlyLimit: Math.min(view.maxMonthlyLimit, 2 * (suggested?.price ?? 0)),
  };
  const [choice, setChoice] = useState(start);
  const save = useAction(turnOnAutoTopUp);
  const set = (part: Partial<AutoTopUpChoice>) => setChoice({ ...choice, ...part });

  async function submit(event: Event) {
    event.preventDefault();
    const saved = await save.run(choice);
    if (saved) onSaved(saved);
    announce(saved ? 'Auto top-up is on.' : (save.error.peek()?.message ?? 'Not saved.'));
  }

  return (
    <form onSubmit={submit} aria-label="Auto top-up">
      <div class="refill-fields">
        {/* Radios, not a select: a plan's whole name shows, however long, on a phone too. */}
        <fieldset class="field choices">
          <legend>Buy</legend>
          {tiers.map((t) => (
            <label key={t.id} class="check">
              <input
                type="radio"
                name="atu-tier"
                value={t.id}
                checked={choice.tierId === t.id}
                onChange={() => set({ tierId: t.id })}
              />
              <span>
                {t.name} · {t.gb} GB · {formatMoney(t.price, t.currency)}
              </span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="atu-trigger">When</label>
          <select
            id="atu-trigger"
            value={choice.trigger}
            onChange={(e) => set({ trigger: e.currentTarget.value as AutoTopUpTrigger })}
          >
            {(Object.keys(TRIGGERS) as AutoTopUpTrigger[]).map((t) => (
              <option key={t} value={t}>
                {TRIGGERS[t]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="atu-threshold">{choice.trigger === 'gb_left' ? 'GB left' : 'Days left'}</label>
          <input
            id="atu-threshold"
            type="number"
            min={1}
            step={1}
            required
            value={choice.threshold}
            onInput={(e) => set({ threshold: Number(e.currentTarget.value) })}
          />
        </div>
        <div class="field">
          <label for="atu-limit">Monthly limit ({view.currency.toUpperCase()})</label>
          <input
            id="atu-limit"
            type="number"
            min={0}
            step={unit === 1 ? 1 : 0.01}
            required
            value={choice.monthlyLimit / unit}
            onInput={(e) => set({ monthlyLimit: Math.round(Number(e.currentTarget.value) * unit) })}
          />
          <p class="hint">At most {formatMoney(view.maxMonthlyLimit, view.currency)}.</p>
        </div>
      </div>
      {save.error.value && (
        <p class="error-text" role="alert">
          {save.error.value.message}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={save.loading.value}>
          {view.enabled ? 'Save auto top-up' : 'Turn on auto top-up'}
        </button>
        {off}
      </div>
    </form>
  );
}

function Status({ view }: { view: AutoTopUpView }) {
  if (view.paused)
    return (
      <div class="banner warn" role="status">
        <p>Auto top-up is paused. {view.paused.text}</p>
        <a class="button" href={view.paused.payUrl}>
          Finish the payment
        </a>
      </div>
    );
  if (!view.enabled || !view.choice) return null;
  if (!view.cardSaved)
    return (
      <div class="banner info" role="status">
        <p>Auto top-up is on. It needs a saved card: your next purchase saves it.</p>
        <a class="button" href={`/checkout/${encodeURIComponent(view.choice.tierId)}`}>
          Buy now and save your card
        </a>
      </div>
    );
  return (
    <p class="ok-text">Auto top-up is on. Charged this month: {formatMoney(view.spentThisMonth, view.currency)}.</p>
  );
}

function AutoTopUp() {
  const settings = useResource(autoTopUpSettings);
  const off = useAction(turnOffAutoTopUp);
  async function switchOff() {
    const saved = await off.run();
    if (saved) settings.set(saved);
    announce(saved ? 'Auto top-up is off.' : (off.error.peek()?.message ?? 'Not saved.'));
  }
  return (
    <LoadState state={settings}>
      {(view) =>
        view.available && (
          <div class="stack">
            <h3>Auto top-up</h3>
            <Status view={view} />
            <ChoiceForm
              view={view}
              onSaved={settings.set}
              off={
                view.enabled && (
                  <button type="button" class="secondary" onClick={switchOff} disabled={off.loading.value}>
                    Turn off auto top-up
                  </button>
                )
              }
            />
            {view.charges.length > 0 && (
              <>
                <h3>Recent charges</h3>
                <Table
                  caption="Auto top-up charges"
                  columns={CHARGE_COLUMNS}
                  rows={view.charges}
                  rowKey={(c) => c.id}
                />
              </>
            )}
          </div>
        )
      }
    </LoadState>
  );
}

export function RefillSettings({ canBuy }: { canBuy: boolean }) {
  return (
    <>
      <Reminders />
      {canBuy && <AutoTopUp />}
    </>
  );
}
