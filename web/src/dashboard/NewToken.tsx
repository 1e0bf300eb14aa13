// Making a personal access token: a name, its scopes (may it also close sessions?) and an expiry. The token is shown
// once, in the answer; making one needs a sign-in from the last 10 minutes (the emailed link brings the customer back).
import { useState } from 'preact/hooks';
import { formatDays } from '../../../src/shared/format.ts';
import type { ApiScope, CreatedTokenAnswer } from '../../../src/shared/tokens.ts';
import { api, RequestError, read } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Reauth } from '../components/Reauth.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { t } from '../i18n.ts';
import { announce } from '../state/announce.ts';
import { useAction } from '../state/resource.ts';

/** The token's scopes, space-separated. */
type Scopes = 'read' | 'read sessions';
const scopeChoices = (): [Scopes, string][] => [
  ['read', t('tokens.readOnly')],
  ['read sessions', t('tokens.readClose')],
];
/** Days; '' for never. */
const expiryChoices = (): [string, string][] => [
  ['30', formatDays(30)],
  ['90', formatDays(90)],
  ['365', t('tokens.aYear')],
  ['', t('tokens.never')],
];

function Choice<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  choices: [T, string][];
  onChange: (value: T) => void;
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      >
        {props.choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function NewToken({ onMade }: { onMade: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scopes>('read');
  const [days, setDays] = useState('90');
  const making = useAction(() => {
    const json = { name, scopes: scopes.split(' ') as ApiScope[], expiresInDays: days ? Number(days) : null };
    return read<CreatedTokenAnswer>(api.tokens.$post({ json }));
  });
  const failure = making.error.value;
  const reauthNeeded = failure instanceof RequestError && failure.code === 'reauth_required';
  const made = making.data.value;

  async function submit(event: Event) {
    event.preventDefault();
    if (!(await making.run())) return;
    setName('');
    onMade();
    announce(t('tokens.made'));
  }

  return (
    <form class="stack" onSubmit={submit} aria-labelledby="new-token-title">
      <h3 id="new-token-title">{t('tokens.make')}</h3>
      <div class="field">
        <label for="token-name">{t('tokens.tokenName')}</label>
        <input id="token-name" required maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <Choice
        id="token-scopes"
        label={t('tokens.permissions')}
        value={scopes}
        choices={scopeChoices()}
        onChange={setScopes}
        hint={t('tokens.permissionsHint')}
      />
      <Choice
        id="token-expiry"
        label={t('tokens.expiresAfter')}
        value={days}
        choices={expiryChoices()}
        onChange={setDays}
      />
      <div>
        <button type="submit" disabled={making.loading.value}>
          {t('tokens.makeButton')}
        </button>
      </div>
      <div aria-live="polite">
        {made && (
          <div class="banner info">
            <p>{t('tokens.newToken', { name: made.view.name })}</p>
            <CodeBlock label={t('tokens.yourNew')}>{made.token}</CodeBlock>
            <CopyButton text={made.token} what={t('tokens.apiToken')} />
          </div>
        )}
        {reauthNeeded && <Reauth returnTo="/dashboard/api" />}
        <ErrorText error={reauthNeeded ? null : failure} />
      </div>
    </form>
  );
}
