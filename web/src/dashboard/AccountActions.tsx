// Sign out of this browser, or of every browser and device (a confirmation that offers to revoke the API tokens too,
// a chunk of its own: SignOutEverywhere.tsx); the language of the dashboard and the customer's mail; the way to the
// API page.
import { useState } from 'preact/hooks';
import { type Locale, languageTag } from '../../../src/shared/i18n/locales.ts';
import { languageName } from '../../../src/shared/language-name.ts';
import { api, read } from '../api.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { currentLocale, rich, t } from '../i18n.ts';
import { shopConfig } from '../state/config.ts';
import { useAction } from '../state/resource.ts';
import { signOut } from '../state/session.ts';

const everywhereChunk = lazyChunk(
  import.meta.env.SSR
    ? placeholderOnly
    : () => import('./SignOutEverywhere.tsx').then((chunk) => chunk.SignOutEverywhere),
);

/** Saves the choice, then loads the page again in that language (each language is a build of its own). */
async function chooseLanguage(locale: Locale): Promise<void> {
  await read(api.account.language.$put({ json: { locale } }));
  location.reload();
}

function Language() {
  const { locales } = shopConfig();
  const choosing = useAction(chooseLanguage);
  if (locales.length < 2) return null;
  return (
    <div class="field">
      <label for="account-language">{t('account.language')}</label>
      <select
        id="account-language"
        value={currentLocale()}
        disabled={choosing.loading.value}
        onChange={(e) => void choosing.run(e.currentTarget.value as Locale)}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={languageTag(locale)}>
            {languageName(locale)}
          </option>
        ))}
      </select>
      <ErrorText error={choosing.error.value} />
    </div>
  );
}

export function AccountActions({ email }: { email: string }) {
  const signingOut = useAction(signOut);
  const [everywhere, setEverywhere] = useState(false);
  const busy = signingOut.loading.value;
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">{t('account.title')}</h2>
      <p>
        {rich('account.signedInAs', {
          email: (
            <strong>
              <Breakable text={email} />
            </strong>
          ),
          token: <a href="/dashboard/api">{t('account.apiToken')}</a>,
        })}
      </p>
      <Language />
      <div class="actions">
        <button type="button" class="secondary" onClick={() => signingOut.run()} disabled={busy}>
          {t('site.signOut')}
        </button>
        <button type="button" class="secondary" onClick={() => setEverywhere(true)} disabled={busy}>
          {t('account.signOutEverywhere')}
        </button>
      </div>
      <ErrorText error={signingOut.error.value} />
      {(everywhere || everywhereChunk.data.value) && (
        <LazyPage chunk={everywhereChunk} props={{ open: everywhere, email, onClose: () => setEverywhere(false) }} />
      )}
    </section>
  );
}
