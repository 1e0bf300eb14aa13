// What the customer must know first: a new key after a rollover (and until when the old one works), a disabled or
// expired key (and why), a change being applied, the platform not answering, and incidents in the shop's countries.
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import { countryName } from '../../../src/shared/format.ts';
import { incidents } from '../state/availability.ts';
import { shopConfig } from '../state/config.ts';

export function KeyBanners({ keyState }: { keyState: AccountKey }) {
  const previous = keyState.previousKey;
  // Buying more does not switch back on a key the shop or the provider switched off: the customer must ask.
  const ask = keyState.reason === 'suspended' || keyState.reason === 'provider_disabled';
  return (
    <>
      {previous && (
        <div class="banner warn" role="alert">
          {previous.text}
        </div>
      )}
      {(keyState.status === 'disabled' || keyState.status === 'expired') && (
        <div class="banner danger" role="alert">
          <strong>{keyState.status === 'expired' ? 'Your key has expired.' : 'Your key is switched off.'}</strong>{' '}
          {keyState.reasonText}{' '}
          {ask ? (
            <a href={`mailto:${shopConfig().brand.supportEmail}`}>Contact support</a>
          ) : (
            <a href="#buy-more">Buy more traffic</a>
          )}
        </div>
      )}
      {keyState.updating && (
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
  const offered = new Set(shopConfig().countries);
  const relevant = (incidents.data.value?.incidents ?? []).filter(
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
