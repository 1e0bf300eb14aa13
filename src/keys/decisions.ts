// Who switched a key off upstream, read from the platform's audit trail (newest first): the platform itself
// (auto-suspension at the cap or at expiry: the shop may switch it back on once there is something to give), the
// shop's own API calls (`apiKey`), or a person in the Proxies.sx panel (`jwt`), whose decision the shop respects:
// the one rule for a key switched off by a person, for the reconcile and the checkout's usage reading alike.
import type { PoolKeyRow } from '../../schema.ts';
import type { AuditEvent, PoolAccessKey, PoolClient } from '../pool/index.ts';

type DisabledBy = 'platform' | 'shop' | 'person' | 'unknown';

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
async function whoDisabled(pool: Pick<PoolClient, 'keyAudit'>, upstreamId: string): Promise<DisabledBy> {
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

/**
 * The "switched off by a person" rule: when a person switched the key off in the panel (or the trail cannot say who
 * did), the moment it was found (`upstreamDisabledAt`) keeps it off and no new key is minted or sold around it;
 * switching it back on in the panel lifts it. The trail is read only for a key found off that the shop wants on.
 * Returns the key's new `upstreamDisabledAt`.
 */
export async function personSwitchOff(
  pool: Pick<PoolClient, 'keyAudit'>,
  key: Pick<PoolKeyRow, 'upstreamDisabledAt'>,
  upstream: Pick<PoolAccessKey, 'id' | 'enabled'>,
  shopWantsOn: boolean,
  now: number,
): Promise<number | null> {
  if (upstream.enabled) return null;
  if (key.upstreamDisabledAt || !shopWantsOn) return key.upstreamDisabledAt;
  const by = await whoDisabled(pool, upstream.id);
  return by === 'person' || by === 'unknown' ? now : null;
}

/** Whether a person's switch-off holds any of the customer's working keys: nothing is minted or sold to them then. */
export const heldOffByPerson = (keys: readonly Pick<PoolKeyRow, 'state' | 'upstreamDisabledAt'>[]) =>
  keys.some((k) => k.state !== 'retired' && Boolean(k.upstreamDisabledAt));
