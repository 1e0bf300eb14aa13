// What the customer must know first: a new key after a rollover (and until when the old one works), a disabled or
// expired key (and why), a change being applied, the platform not answering, and incidents in the shop's countries.
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import { countryName } from '../../../src/shared/format.ts';
import { incidents } from '../state/availability.ts';
import { config } from '../state/config.ts';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The customer was rolled onto a new key: the new password is the one shown; the old one stops at the grace end. */
function RolloverBanner({
  previous,
  secretMask,
}: {
  previous: NonNullable<AccountKey['previousKey']>;
  secretMask: string | null;
}) {
  return (
    <div class="banner warn" role="alert" data-testid="rollover-banner">
      <strong>You have a new proxy key{secretMask ? ` (${secretMask})` : ''}.</strong> Your purchase took your key past
      the most one key can hold, so the new traffic is on a new key: copy its password below and update your tools. Your
      old key{previous.secretMask ? ` (${previous.secretMask})` : ''} keeps working until{' '}
      <strong>{when(previous.worksUntil)}</strong>; then it stops and its unused traffic moves to the new key.
    </div>
  );
}

/** Whether buying more would switch the key back on (not when the shop or the provider switched it off). */
const buyingHelps = (reason: AccountKey['reason']) => reason !== 'suspended' && reason !== 'provider_disabled';

export function KeyBanners({ keyState }: { keyState: AccountKey }) {
  const support = config.value?.brand.supportEmail;
  return (
    <>
      {keyState.previousKey && <RolloverBanner previous={keyState.previousKey} secretMask={keyState.secretMask} />}
      {(keyState.status === 'disabled' || keyState.status === 'expired') && (
        <div class="banner danger" role="alert">
          <strong>
            {keyState.status === 'expired'
              ? 'Your key has expired.'
              : keyState.reason === 'provider_disabled'
                ? 'Your key was disabled by the provider.'
                : 'Your key is switched off.'}
          </strong>{' '}
          {keyState.reasonText}{' '}
          {buyingHelps(keyState.reason) ? (
            <a href="#buy-more">Buy more traffic</a>
          ) : (
            support && <a href={`mailto:${support}`}>Contact support</a>
          )}
        </div>
      )}
      {keyState.updating && keyState.status !== 'provisioning' && (
        <div class="banner info" role="status">
          Your latest purchase is being applied to your key. This usually takes a few seconds.
        </div>
      )}
      {!keyState.live && keyState.status !== 'none' && keyState.status !== 'provisioning' && (
        <div class="banner warn" role="status">
          The proxy platform is not answering us right now, so usage figures are paused. Your key keeps working.
        </div>
      )}
    </>
  );
}

export function IncidentBanners() {
  const offered = new Set(config.value?.countries ?? []);
  const relevant = (incidents.value?.incidents ?? []).filter(
    (i) => i.countries.length === 0 || i.countries.some((c) => offered.has(c)),
  );
  if (relevant.length === 0) return null;
  return (
    <section aria-label="Service status">
      {relevant.map((incident) => (
        <div
          key={incident.id}
          class={`banner ${incident.severity === 'major' || incident.severity === 'critical' ? 'danger' : incident.severity === 'minor' ? 'warn' : 'info'}`}
        >
          <strong>{incident.title}</strong>
          {incident.countries.length > 0 && (
            <span class="muted"> · {incident.countries.map(countryName).join(', ')}</span>
          )}
          {incident.pools.length > 0 && <span class="muted"> · {incident.pools.join(', ')} pool</span>}
          {incident.description && <p class="incident-text">{incident.description}</p>}
        </div>
      ))}
    </section>
  );
}
