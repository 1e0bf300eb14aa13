// Cloudflare's limits on what a deploy uploads from wrangler.toml. `npm run check` holds the config to them before
// anything reaches the account, and the local Cloudflare API (sim/cloudflare) refuses the same things:
// - a var holds at most 5 KB, and a Worker at most 128 vars and secrets together on Workers Paid (64 on Free):
//   https://developers.cloudflare.com/workers/platform/limits/#environment-variables
// - a cron has five fields with Quartz-like extensions (weekdays 1-7 or SUN-SAT, not 0):
//   https://developers.cloudflare.com/workers/configuration/cron-triggers/#supported-cron-expressions
// - a queue consumer takes batches of 1-100 messages, waits at most 60 s, retries at most 100 times, delays at most
//   24 h and runs at most 250 invocations at once: https://developers.cloudflare.com/queues/platform/limits/
import type { ConfigProblem } from './index.ts';

/** 5 KB, read as 5,000 bytes of UTF-8 (the stricter of KB and KiB, so a var that passes here passes there). */
export const VAR_MAX_BYTES = 5_000;
/** Vars and secrets together, on Workers Paid (the plan the shop needs; Free allows 64). */
export const VARS_AND_SECRETS_MAX = 128;

/** A queue consumer's settings as wrangler.toml names them, with the field the API takes (and its unit's factor). */
export const QUEUE_CONSUMER_LIMITS = {
  max_batch_size: { min: 1, max: 100, api: 'batch_size', factor: 1 },
  max_batch_timeout: { min: 0, max: 60, api: 'max_wait_time_ms', factor: 1000 },
  max_retries: { min: 0, max: 100, api: 'max_retries', factor: 1 },
  retry_delay: { min: 0, max: 86_400, api: 'retry_delay', factor: 1 },
  max_concurrency: { min: 1, max: 250, api: 'max_concurrency', factor: 1 },
} as const;

export type QueueConsumerSetting = keyof typeof QUEUE_CONSUMER_LIMITS;

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** Why a var's value cannot be uploaded, or null. */
export function varSizeProblem(text: string): string | null {
  const bytes = byteLength(text);
  return bytes > VAR_MAX_BYTES
    ? `is ${bytes.toLocaleString('en')} bytes; Cloudflare allows at most 5 KB (${VAR_MAX_BYTES.toLocaleString('en')} bytes) per var`
    : null;
}

/** Why `value` is not a valid `setting` of a queue consumer (wrangler.toml's name and unit), or null. */
export function queueSettingProblem(setting: QueueConsumerSetting, value: unknown): string | null {
  const { min, max } = QUEUE_CONSUMER_LIMITS[setting];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? null
    : `must be a whole number from ${min} to ${max} (Cloudflare's limit), not ${JSON.stringify(value)}`;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** The Quartz extensions the field takes beyond `* , - /`. */
  special?: (item: string, value: (text: string) => number | null) => boolean;
}

const CRON_FIELDS: CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  {
    name: 'day of month',
    min: 1,
    max: 31,
    special: (item, value) => /^(L|LW|L-\d+)$/.test(item) || (/^\d+W$/.test(item) && value(item.slice(0, -1)) !== null),
  },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  {
    name: 'day of week',
    min: 1,
    max: 7,
    names: DAYS,
    special: (item, value) => {
      if (item === 'L') return true;
      const last = /^(\w+)L$/.exec(item);
      if (last?.[1]) return value(last[1]) !== null;
      const nth = /^(\w+)#([1-5])$/.exec(item);
      return Boolean(nth?.[1] && value(nth[1]) !== null);
    },
  },
];

function fieldValue(field: CronField, text: string): number | null {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : null;
}

function validItem(field: CronField, item: string): boolean {
  const value = (text: string) => fieldValue(field, text);
  const [base = '', step, ...rest] = item.split('/');
  if (rest.length || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
  if (base === '*') return true;
  if (step === undefined && field.special?.(base.toUpperCase(), value)) return true;
  const [from = '', to, ...more] = base.split('-');
  if (more.length) return false;
  const start = value(from);
  if (to === undefined) return start !== null;
  const end = value(to);
  return start !== null && end !== null && start <= end;
}

/** Why Cloudflare would refuse `cron`, naming the field, or null when it takes it. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `"${cron}" has ${fields.length} fields; Cloudflare's crons have 5`;
  for (const [i, text] of fields.entries()) {
    const field = CRON_FIELDS[i] as CronField;
    if (!text.split(',').every((item) => item && validItem(field, item))) {
      const range = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}`;
      return `"${cron}": the ${field.name} "${text}" is not one Cloudflare accepts (${range}, with * , - /)`;
    }
  }
  return null;
}

/** The parts of wrangler.toml these limits concern. */
export interface WranglerLimitsInput {
  vars?: Record<string, unknown>;
  triggers?: { crons?: unknown[] };
  queues?: { consumers?: Record<string, unknown>[] };
}

/** Every limit wrangler.toml passes, named like the config's problems (`BRAND`, `triggers.crons[0]`, …). */
export function wranglerLimitProblems(toml: WranglerLimitsInput, secretNames: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const vars = Object.entries(toml.vars ?? {});
  for (const [name, value] of vars) {
    const problem = varSizeProblem(typeof value === 'string' ? value : JSON.stringify(value));
    if (problem) problems.push({ variable: name, field: '', message: problem });
  }
  const total = vars.length + secretNames.length;
  if (total > VARS_AND_SECRETS_MAX)
    problems.push({
      variable: '[vars]',
      field: '',
      message: `${vars.length} vars and ${secretNames.length} secrets make ${total}; a Worker holds at most ${VARS_AND_SECRETS_MAX}`,
    });
  (toml.triggers?.crons ?? []).forEach((cron, i) => {
    const problem = cronProblem(String(cron));
    if (problem) problems.push({ variable: `triggers.crons[${i}]`, field: '', message: problem });
  });
  (toml.queues?.consumers ?? []).forEach((consumer, i) => {
    for (const setting of Object.keys(QUEUE_CONSUMER_LIMITS) as QueueConsumerSetting[]) {
      if (!(setting in consumer)) continue;
      const problem = queueSettingProblem(setting, consumer[setting]);
      if (problem) problems.push({ variable: `queues.consumers[${i}]`, field: setting, message: problem });
    }
  });
  return problems;
}
