// The health check behind /api/healthz: config, D1, KV, mail and the upstream, each ok or not, never an internal.
import { sql } from 'drizzle-orm';
import type { MailHealth } from '../mail/index.ts';
import { type UpstreamHealth, upstreamHealth } from '../pool/index.ts';
import type { Services } from '../services/index.ts';

export interface ShopHealth {
  ok: boolean;
  checks: {
    /** Names only: a problem's message can quote a value. */
    config: { ok: boolean; problems?: { variable: string; field: string }[] };
    d1: { ok: boolean };
    kv: { ok: boolean };
    /** Whether mail leaves: when a message last did, and the transport's failure while it is failing (ISO times). */
    mail: { ok: boolean; lastOkAt: string | null; lastFailureAt: string | null; reason: string | null };
    /** Whether the platform answers, when it last did, and the last failure (its kind, never its details). */
    upstream: UpstreamHealth;
  };
}

/** With a broken config the platform is not asked (its URL or key may be what is broken). */
const NOT_CHECKED: UpstreamHealth = { ok: false, lastOkAt: null, lastError: null };
const MAIL_NOT_CHECKED: MailHealth = { ok: false, lastOkAt: null, lastFailureAt: null, reason: 'config invalid' };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Mail's health with its times as ISO strings, as the upstream check gives them. */
const mailCheck = ({ ok, lastOkAt, lastFailureAt, reason }: MailHealth): ShopHealth['checks']['mail'] => ({
  ok,
  lastOkAt: iso(lastOkAt),
  lastFailureAt: iso(lastFailureAt),
  reason,
});

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean }> {
  try {
    await check();
    return { ok: true };
  } catch {
    return { ok: false };
  }
}

/** Answers even with a broken config (it reads `configProblems`, never the throwing `config`). */
export async function shopHealth(services: Services): Promise<ShopHealth> {
  const problems = services.configProblems;
  const [d1, kv, mail, upstream] = await Promise.all([
    probe(() => services.db.run(sql`select 1`)),
    probe(() => services.kv.get('healthz')),
    problems.length === 0
      ? services.mail.health(services.clock.now()).catch(() => ({ ...MAIL_NOT_CHECKED, reason: 'unknown' }))
      : MAIL_NOT_CHECKED,
    // At most one upstream call per 30 s per isolate however often this is polled (see upstreamHealth).
    problems.length === 0 ? upstreamHealth(services) : NOT_CHECKED,
  ]);
  const checks = {
    config:
      problems.length === 0
        ? { ok: true }
        : { ok: false, problems: problems.map(({ variable, field }) => ({ variable, field })) },
    d1,
    kv,
    mail: mailCheck(mail),
    upstream,
  };
  return { ok: Object.values(checks).every((check) => check.ok), checks };
}
