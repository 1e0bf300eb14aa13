// Who switched a key off upstream, read from the platform's audit trail (newest first): the platform itself
// (auto-suspension at the cap or at expiry: the shop may switch it back on once there is something to give), the
// shop's own API calls (`apiKey`), or a person in the Proxies.sx panel (`jwt`), whose decision the shop respects.
import type { AuditEvent, PoolClient } from '../pool/index.ts';

export type DisabledBy = 'platform' | 'shop' | 'person' | 'unknown';

/** Audit pages read at most (200 events each): gateway events can crowd the trail. */
const MAX_PAGES = 5;
const PAGE = 200;

/** What one event says about the key's enabled flag, or undefined when it says nothing. */
function decisionOf(event: AuditEvent): DisabledBy | 'enabled' | undefined {
  if (event.action === 'auto_suspended_cap_exceeded' || event.action === 'auto_suspended_expired') return 'platform';
  if (event.action === 'create') return 'enabled';
  if (event.action !== 'update') return undefined;
  const enabled = (event.metadata as { enabled?: unknown } | null)?.enabled;
  if (enabled === true) return 'enabled';
  if (enabled !== false) return undefined;
  return event.authMethod === 'jwt' ? 'person' : event.authMethod === 'system' ? 'platform' : 'shop';
}

/**
 * Why a disabled key is off: the newest event that changed its enabled flag. 'unknown' when the trail does not
 * say (the newest such event enabled it, or none is found): the caller treats that like a person's decision.
 */
export async function whoDisabled(pool: Pick<PoolClient, 'keyAudit'>, upstreamId: string): Promise<DisabledBy> {
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const events = await pool.keyAudit(upstreamId, { limit: PAGE, before });
    for (const event of events) {
      const decision = decisionOf(event);
      if (decision === 'enabled') return 'unknown';
      if (decision) return decision;
    }
    if (events.length < PAGE) break;
    before = events.at(-1)?.createdAt;
  }
  return 'unknown';
}
