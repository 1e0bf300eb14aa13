// The server side of Cloudflare Turnstile: a token from the sign-in page's widget is good only once siteverify says so
// (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/). POST with the secret, the token,
// the visitor's address and an idempotency key (a retry of the same check is answered, not refused as a duplicate).
// A production shop also checks that the token was made for its own hostname and for the sign-in widget.
import type { Config } from '../config/index.ts';
import type { Logger } from '../log.ts';

/** The widget's `action` (the sign-in page renders it with this), checked in production. */
export const TURNSTILE_ACTION = 'sign-in';
/** Turnstile tokens are at most 2048 characters. */
export const TURNSTILE_TOKEN_MAX = 2048;
const TIMEOUT_MS = 5_000;
const ATTEMPTS = 2;

interface SiteverifyAnswer {
  success?: unknown;
  hostname?: unknown;
  action?: unknown;
  'error-codes'?: unknown;
}

export interface TurnstileServices {
  config: Pick<Config, 'turnstile' | 'publicUrl' | 'env'>;
  log: Logger;
}

async function siteverify(
  verifyUrl: string,
  body: Record<string, string>,
): Promise<{ status: number; answer: SiteverifyAnswer | null }> {
  const res = await fetch(verifyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: res.status, answer: (await res.json().catch(() => null)) as SiteverifyAnswer | null };
}

/**
 * Whether `token` is a passed challenge for this shop. False for anything siteverify does not vouch for, including
 * when it cannot be asked (the shop then treats the visitor as not having passed: it fails closed).
 */
export async function passedChallenge(
  { config, log }: TurnstileServices,
  token: string,
  remoteIp: string | null,
): Promise<boolean> {
  const turnstile = config.turnstile;
  if (!turnstile || token.length === 0 || token.length > TURNSTILE_TOKEN_MAX) return false;
  const body: Record<string, string> = {
    secret: turnstile.secretKey,
    response: token,
    idempotency_key: crypto.randomUUID(),
    ...(remoteIp ? { remoteip: remoteIp } : {}),
  };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const { status, answer } = await siteverify(turnstile.verifyUrl, body);
      const codes = Array.isArray(answer?.['error-codes']) ? answer['error-codes'] : [];
      // Cloudflare's own failure is worth one more try with the same idempotency key.
      if ((status >= 500 || codes.includes('internal-error')) && attempt < ATTEMPTS) continue;
      if (answer?.success !== true) {
        log.info('turnstile challenge not passed', { status, codes });
        return false;
      }
      if (config.env !== 'production') return true;
      const ownHost = answer.hostname === new URL(config.publicUrl).hostname;
      if (!ownHost || answer.action !== TURNSTILE_ACTION) {
        log.warn('turnstile token for another site or widget', { hostname: answer.hostname, action: answer.action });
        return false;
      }
      return true;
    } catch (err) {
      if (attempt === ATTEMPTS)
        log.error('turnstile siteverify unreachable; the challenge counts as not passed', { err });
    }
  }
  return false;
}
