// What the deploy tools know about the shop's secrets: which are required, how to make each, and whether a value
// can be used in production (the config schema's own check, and never a development value from .dev.vars.example).

import { readDevVars } from '../devkit/dev-vars.ts';
import { SECRET_NAMES, secretsSchema } from '../src/config/schema.ts';

export type SecretName = (typeof SECRET_NAMES)[number];

const OPTIONAL = new Set<SecretName>(['AUTH_SECRET_PREVIOUS', 'RESEND_API_KEY', 'TURNSTILE_SECRET_KEY']);

export const SECRET_HELP: Record<SecretName, string> = {
  PROXIES_SX_API_KEY: 'your Proxies.sx reseller API key (psx_…, scope customers:write)',
  STRIPE_SECRET_KEY: 'Stripe secret key (sk_live_… or a restricted rk_live_… key)',
  STRIPE_WEBHOOK_SECRET: 'signing secret of the webhook endpoint https://YOUR-SHOP/api/stripe/webhook (whsec_…)',
  AUTH_SECRET: 'at least 32 random characters: openssl rand -base64 48',
  AUTH_SECRET_PREVIOUS: 'only while rotating AUTH_SECRET: the old value',
  ENCRYPTION_KEY: '32 random bytes in base64: openssl rand -base64 32 (never change it once keys are stored)',
  RESEND_API_KEY: 'only with MAIL_TRANSPORT = "resend"',
  TURNSTILE_SECRET_KEY:
    "only with TURNSTILE_SITE_KEY set: your Turnstile widget's secret key (Cloudflare dashboard → Turnstile)",
};

/** The secrets every deployed shop needs, in the order `npm run secrets` asks for them. */
export const REQUIRED_SECRETS: SecretName[] = SECRET_NAMES.filter((name) => !OPTIONAL.has(name));

/** The secrets a shop with these vars cannot start without: Resend's key too when it sends through Resend. */
export function requiredSecrets(vars: Record<string, unknown>): SecretName[] {
  return vars.MAIL_TRANSPORT === 'resend' ? [...REQUIRED_SECRETS, 'RESEND_API_KEY'] : REQUIRED_SECRETS;
}

/** Why `value` must not be set as `name`, or undefined when it may. */
export function secretValueProblem(name: SecretName, value: string): string | undefined {
  if (!value.trim()) return 'is empty';
  const placeholders = new Set(Object.values(readDevVars('.dev.vars.example')).filter(Boolean));
  if (placeholders.has(value)) return 'is the development placeholder from .dev.vars.example';
  const parsed = secretsSchema.shape[name].safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'is not valid');
}
