// The "Never run dry" panel's settings: usage and expiry reminders on or off, and auto top-up (which plan, when, up to
// how much a month, why it is paused). A chunk of its own, fetched when the panel is shown (Refill.tsx).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatDate, formatGb, formatMoney, minorUnitsPer } from '../../../src/shared/format.ts';
import type { AutoTopUpCharge, AutoTopUpChoice, AutoTopUpTrigger, AutoTopUpView } from '../../../src/shared/refill.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { t } from '../i18n.ts';
import { announce } from '../state/announce.ts';
import { shopConfig } from '../state/config.ts';
import { useAction, useResource } from '../state/resource.ts';
import { autoTopUpSettings, reminderSettings, setReminders, turnOffAutoTopUp, turnOnAutoTopUp } from './refill-api.ts';

const TRIGGERS: readonly AutoTopUpTrigger[] = ['gb_left', 'days_left'];

/** Short enough for a select on a phone; the next field names the number. */
const triggerText = (trigger: AutoTopUpTrigger) =>
  trigger === 'gb_left' ? t('refill.trigger.gbLeft') : t('refill.trigger.daysLeft');

function chargeText(state: AutoTopUpCharge['state']): string {
  switch (state) {
    case 'charging':
      return t('refill.charge.charging');
    case 'processing':
      return t('refill.charge.processing');
    case 'succeeded':
      return t('refill.charge.succeeded');
    case 'failed':
      return t('refill.charge.failed');
    case 'skipped':
      return t('refill.charge.skipped');
  }
}

const chargeColumns = (): Column<AutoTopUpCharge>[] => [
  { head: t('purchases.date'), cell: (c) => formatDate(c.createdAt), rowHeader: true },
  { head: t('purchases.amount'), cell: (c) => formatMoney(c.amount + c.tax, c.currency) },
  { head: t('purchases.status'), cell: (c) => chargeText(c.state) },
];

function Reminders() {
  const settings = useResource(reminderSettings);
  const change = useAction(setReminders);
  async function toggle(enabled: boolean) {
    const saved = await change.run(enabled);
    if (saved) settings.set(saved);
    announce(
      saved
        ? saved.enabled
          ? t('refill.remindersOn')
          : t('refill.remindersOff')
        : (change.error.peek()?.message ?? t('refill.notSaved')),
    );
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
            <span>{t('refill.reminders')}</span>
          </label>
          <p class="hint">{t('refill.remindersHint')}</p>
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
  const suggested = tiers.find((tier) => tier.highlight) ?? tiers[0];
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
    announce(saved ? t('refill.isOn') : (save.error.peek()?.message ?? t('refill.notSaved')));
  }

  return (
    <form onSubmit={submit} aria-label={t('refill.autoTopUp')}>
      <div class="refill-fields">
        {/* Radios, not a select: a plan's whole name shows, however long, on a phone too. */}
        <fieldset class="field choices">
          <legend>{t('refill.buy')}</legend>
          {tiers.map((tier) => (
            <label key={tier.id} class="check">
              <input
                type="radio"
                name="atu-tier"
                value={tier.id}
                checked={choice.tierId === tier.id}
                onChange={() => set({ tierId: tier.id })}
              />
              <span>
                {tier.name} · {formatGb(tier.gb)} · {formatMoney(tier.price, tier.currency)}
              </span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="atu-trigger">{t('refill.when')}</label>
          <select
            id="atu-trigger"
            value={choice.trigger}
            onChange={(e) => set({ trigger: e.currentTarget.value as AutoTopUpTrigger })}
          >
            {TRIGGERS.map((trigger) => (
              <option key={trigger} value={trigger}>
                {triggerText(trigger)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="atu-threshold">{choice.trigger === 'gb_left' ? t('refill.gbLeft') : t('refill.daysLeft')}</label>
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
          <label for="atu-limit">{t('refill.monthlyLimit', { currency: view.currency.toUpperCase() })}</label>
          <input
            id="atu-limit"
            type="number"
            min={0}
            step={unit === 1 ? 1 : 0.01}
            required
            value={choice.monthlyLimit / unit}
            onInput={(e) => set({ monthlyLimit: Math.round(Number(e.currentTarget.value) * unit) })}
          />
          <p class="hint">{t('refill.atMost', { amount: formatMoney(view.maxMonthlyLimit, view.currency) })}</p>
        </div>
      </div>
      {save.error.value && (
        <p class="error-text" role="alert">
          {save.error.value.message}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={save.loading.value}>
          {view.enabled ? t('refill.save') : t('refill.turnOn')}
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
        <p>{t('refill.paused', { reason: view.paused.text })}</p>
        <a class="button" href={view.paused.payUrl}>
          {t('refill.finish')}
        </a>
      </div>
    );
  if (!view.enabled || !view.choice) return null;
  if (!view.cardSaved)
    return (
      <div class="banner info" role="status">
        <p>{t('refill.needsCard')}</p>
        <a class="button" href={`/checkout/${encodeURIComponent(view.choice.tierId)}`}>
          {t('refill.buyAndSave')}
        </a>
      </div>
    );
  return <p class="ok-text">{t('refill.spent', { amount: formatMoney(view.spentThisMonth, view.currency) })}</p>;
}

function AutoTopUp() {
  const settings = useResource(autoTopUpSettings);
  const off = useAction(turnOffAutoTopUp);
  async function switchOff() {
    const saved = await off.run();
    if (saved) settings.set(saved);
    announce(saved ? t('refill.isOff') : (off.error.peek()?.message ?? t('refill.notSaved')));
  }
  return (
    <LoadState state={settings}>
      {(view) =>
        view.available && (
          <div class="stack">
            <h3>{t('refill.autoTopUp')}</h3>
            <Status view={view} />
            <ChoiceForm
              view={view}
              onSaved={settings.set}
              off={
                view.enabled && (
                  <button type="button" class="secondary" onClick={switchOff} disabled={off.loading.value}>
                    {t('refill.turnOff')}
                  </button>
                )
              }
            />
            {view.charges.length > 0 && (
              <>
                <h3>{t('refill.recent')}</h3>
                <Table
                  caption={t('refill.chargesCaption')}
                  columns={chargeColumns()}
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
