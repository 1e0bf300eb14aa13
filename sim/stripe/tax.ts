// Stripe Tax as the shop uses it: a Checkout Session with automatic tax saves the billing address on the customer
// (docs.stripe.com/tax/checkout, `customer_update[address]=auto`); a tax calculation for that customer
// (docs.stripe.com/api/tax/calculations/create, `customer`: "the customer's address and tax IDs are copied to
// customer_details") then finds the same location, so it charges the same rate; a PaymentIntent linked to the
// calculation (`hooks[inputs][tax][calculation]`, docs.stripe.com/tax/payment-intent) records a tax transaction
// when it succeeds. The simulator's "location" is the tax rate the customer's Checkout was charged.
import { onReset } from '../state.ts';
import { nowSeconds } from './clock.ts';
import { type FormParams, int, ParamError, requiredStr, str } from './form.ts';
import { customerOr400, stripeId } from './objects.ts';

const DAY_S = 86_400;

/** Customer → the tax rate (percent) of the address their Checkout saved. */
const rates = new Map<string, number>();

export interface SimTaxCalculation {
  id: string;
  object: 'tax.calculation';
  amount_total: number;
  currency: string;
  customer: string;
  customer_details: { address: { country: string; postal_code: string | null }; address_source: 'billing' };
  expires_at: number;
  livemode: false;
  tax_amount_exclusive: number;
  tax_amount_inclusive: number;
  tax_breakdown: {
    amount: number;
    inclusive: boolean;
    taxable_amount: number;
    tax_rate_details: { percentage_decimal: string };
  }[];
  tax_date: number;
}

export interface SimTaxTransaction {
  id: string;
  object: 'tax.transaction';
  calculation: string;
  /** The PaymentIntent whose success committed it. */
  reference: string;
  created: number;
}

export const calculations = new Map<string, SimTaxCalculation>();
export const taxTransactions: SimTaxTransaction[] = [];

onReset(() => {
  rates.clear();
  calculations.clear();
  taxTransactions.length = 0;
});

/** A Checkout with automatic tax saved the customer's billing address (here: its rate). */
export function rememberTaxLocation(customerId: string, percent: number): void {
  const customer = customerOr400(customerId);
  customer.address = { country: 'DE', postal_code: null };
  rates.set(customerId, percent);
}

/** The tax on an amount, rounded as Checkout rounds it (lifecycle.ts's adjust). */
export const taxOn = (amount: number, percent: number) => Math.round((amount * percent) / 100);

/**
 * POST /v1/tax/calculations for a customer. Without an address Stripe cannot place them: 400
 * `customer_tax_location_invalid` (docs.stripe.com/error-codes#customer-tax-location-invalid).
 */
export function createCalculation(params: FormParams): SimTaxCalculation {
  const currency = requiredStr(params, 'currency');
  const customerId = str(params, 'customer');
  if (!customerId) throw new ParamError('customer', 'The simulator calculates tax for a `customer` only.');
  const customer = customerOr400(customerId);
  const percent = rates.get(customerId);
  if (!customer.address || percent === undefined)
    throw new ParamError(
      'customer',
      "The customer's location isn't recognized: add a billing address before calculating tax.",
      'customer_tax_location_invalid',
    );
  const items = Array.isArray(params.line_items) ? params.line_items : [];
  if (items.length === 0) throw new ParamError('line_items', 'Missing required param: line_items.');
  let exclusive = 0;
  let inclusive = 0;
  let subtotal = 0;
  for (const [i, item] of items.entries()) {
    if (typeof item !== 'object' || Array.isArray(item)) throw new ParamError(`line_items[${i}]`, 'Invalid hash');
    const amount = int(item.amount, `line_items[${i}][amount]`);
    subtotal += amount;
    if (item.tax_behavior === 'inclusive') inclusive += amount - Math.round(amount / (1 + percent / 100));
    else exclusive += taxOn(amount, percent);
  }
  const created = nowSeconds();
  const calculation: SimTaxCalculation = {
    id: stripeId('taxcalc'),
    object: 'tax.calculation',
    amount_total: subtotal + exclusive,
    currency,
    customer: customerId,
    customer_details: { address: customer.address, address_source: 'billing' },
    // "Calculations expire after 90 days" (docs.stripe.com/api/tax/transactions/create_from_calculation).
    expires_at: created + 90 * DAY_S,
    livemode: false,
    tax_amount_exclusive: exclusive,
    tax_amount_inclusive: inclusive,
    tax_breakdown: [
      {
        amount: exclusive + inclusive,
        inclusive: inclusive > 0,
        taxable_amount: subtotal - inclusive,
        tax_rate_details: { percentage_decimal: percent.toFixed(4) },
      },
    ],
    tax_date: created,
  };
  calculations.set(calculation.id, calculation);
  return calculation;
}

/** `hooks[inputs][tax][calculation]` of a new PaymentIntent: a calculation this account made. */
export function linkedCalculation(id: string): string {
  if (!calculations.has(id))
    throw new ParamError('hooks[inputs][tax][calculation]', `No such tax calculation: '${id}'`, 'resource_missing');
  return id;
}

/**
 * The PaymentIntent succeeded: "Creates a tax transaction from the calculation after the PaymentIntent transitions to
 * a succeeded state"; "a tax calculation can transition to only one tax Transaction".
 */
export function commitTax(calculation: string, paymentIntent: string): void {
  if (taxTransactions.some((t) => t.calculation === calculation)) return;
  taxTransactions.push({
    id: stripeId('tax'),
    object: 'tax.transaction',
    calculation,
    reference: paymentIntent,
    created: nowSeconds(),
  });
}
