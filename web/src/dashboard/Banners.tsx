// What the customer must know, in the order it stands in their way: their own key switched off first (by the shop,
// the provider, a used-up cap or expiry), then a new key after a rollover (and until when the old one works), then
// the platform's incidents that touch the shop's countries, then a purchase being applied and usage figures paused.
// Each says its piece in sentences that end.
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import { countryName } from '../../../src/shared/format.ts';
import { languageTag } from '../../../src/shared/i18n/locales.ts';
import { currentLocale, t } from '../i18n.ts';
import { incidents } from '../state/availability.ts';
import { shopConfig } from '../state/config.ts';

/** Names as a list in the page's language (`Germany, France and Spain`); '' for none. */
const list = (names: string[]) =>
  names.length ? new Intl.ListFormat(languageTag(currentLocale()), { type: 'conjunction' }).format(names) : '';

/** The text as a sentence that ends: `Degraded pool` → `Degraded pool.` */
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function KeyOff({ keyState }: { keyState: AccountKey }) {
  if (keyState.status !== 'disabled' && keyState.status !== 'expired') return null;
  const fallback = keyState.status === 'expired' ? t('banner.expired') : t('banner.off');
  // Buying more does not switch back on a key the shop or the provider switched off: the customer must ask.
  const ask = keyState.reason === 'suspended' || keyState.reason === 'provider_disabled';
  return (
    <div class="banner danger" role="alert">
      <p>{sentence(keyState.reasonText ?? fallback)}</p>
      <a class="button secondary" href={ask ? `mailto:${shopConfig().brand.supportEmail}` : '#buy-more'}>
        {ask ? t('banner.contact') : t('dash.buyMoreTraffic')}
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
    <section aria-label={t('banner.status')}>
      {relevant.map((incident) => {
        const countries = list(incident.countries.map((code) => countryName(code)));
        const pools = list(incident.pools);
        const where =
          countries && pools
            ? t('banner.affectsIn', { countries, pools })
            : countries
              ? t('banner.affects', { countries })
              : pools
                ? t('banner.affectsPool', { pools })
                : '';
        return (
          <div
            key={incident.id}
            class={`banner ${incident.severity === 'major' || incident.severity === 'critical' ? 'danger' : incident.severity === 'minor' ? 'warn' : 'info'}`}
          >
            <p>
              <strong>{sentence(incident.title)}</strong>
              {incident.description && ` ${sentence(incident.description)}`}
              {where && ` ${where}`}
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
          <p>{t('banner.updating')}</p>
        </div>
      )}
      {!keyState.live && settled && (
        <div class="banner warn" role="status">
          <p>{t('banner.notLive')}</p>
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
