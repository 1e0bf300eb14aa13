// What the customer must know, in the order it stands in their way: their own key switched off first (by the shop,
// the provider, a used-up cap or expiry), then a new key after a rollover (and until when the old one works), then
// the platform's incidents that touch the shop's countries, then a purchase being applied and usage figures paused.
// Each says its piece in sentences that end.
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import { countryName } from '../../../src/shared/format.ts';
import { incidents } from '../state/availability.ts';
import { shopConfig } from '../state/config.ts';

/** The text as a sentence that ends: `Degraded pool` → `Degraded pool.` */
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function KeyOff({ keyState }: { keyState: AccountKey }) {
  if (keyState.status !== 'disabled' && keyState.status !== 'expired') return null;
  const fallback = keyState.status === 'expired' ? 'Your proxy key has expired.' : 'Your proxy key is switched off.';
  // Buying more does not switch back on a key the shop or the provider switched off: the customer must ask.
  const ask = keyState.reason === 'suspended' || keyState.reason === 'provider_disabled';
  return (
    <div class="banner danger" role="alert">
      <p>{sentence(keyState.reasonText ?? fallback)}</p>
      <a class="button secondary" href={ask ? `mailto:${shopConfig().brand.supportEmail}` : '#buy-more'}>
        {ask ? 'Contact support' : 'Buy more traffic'}
      </a>
    </div>
  );
}

/** The server words it: the old key's mask and until when it works, in the shop's time format. */
function Rollover({ keyState }: { keyState: AccountKey }) {
  if (!keyState.previousKey) return null;
  return (
    <div class="banner warn" role="alert">
      <p>{keyState.previousKey.text}</p>
    </div>
  );
}

function Incidents() {
  const offered = new Set(shopConfig().countries);
  const relevant = (incidents.data.value?.incidents ?? []).filter(
    (i) => i.countries.length === 0 || i.countries.some((c) => offered.has(c)),
  );
  if (relevant.length === 0) return null;
  return (
    <section aria-label="Service status">
      {relevant.map((incident) => {
        const where = [
          incident.countries.map((code) => countryName(code)).join(', '),
          incident.pools.length ? `the ${incident.pools.join(' and ')} pool` : '',
        ].filter(Boolean);
        return (
          <div
            key={incident.id}
            class={`banner ${incident.severity === 'major' || incident.severity === 'critical' ? 'danger' : incident.severity === 'minor' ? 'warn' : 'info'}`}
          >
            <p>
              <strong>{sentence(incident.title)}</strong>
              {incident.description && ` ${sentence(incident.description)}`}
              {where.length > 0 && ` Affects ${where.join(' in ')}.`}
            </p>
          </div>
        );
      })}
    </section>
  );
}

function KeyNotes({ keyState }: { keyState: AccountKey }) {
  const settled = keyState.status !== 'none' && keyState.status !== 'provisioning';
  return (
    <>
      {keyState.updating && settled && (
        <div class="banner info" role="status">
          <p>Your latest purchase is being applied to your key, which usually takes a few seconds.</p>
        </div>
      )}
      {!keyState.live && settled && (
        <div class="banner warn" role="status">
          <p>The proxy platform is not answering us right now, so usage figures are paused; your key keeps working.</p>
        </div>
      )}
    </>
  );
}

export function Banners({ keyState }: { keyState: AccountKey }) {
  return (
    <>
      <KeyOff keyState={keyState} />
      <Rollover keyState={keyState} />
      <Incidents />
      <KeyNotes keyState={keyState} />
    </>
  );
}
