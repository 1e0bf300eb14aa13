// Making a personal access token: a name, its scopes (may it also close sessions?) and an expiry. The token is shown
// once, in the answer; making one needs a sign-in from the last 10 minutes (the emailed link brings the customer back).
import { useState } from 'preact/hooks';
import type { ApiScope, CreatedTokenAnswer } from '../../../src/shared/tokens.ts';
import { api, RequestError, read } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Reauth } from '../components/Reauth.tsx';
import { CodeBlock } from '../components/ScrollRegion.tsx';
import { announce } from '../state/announce.ts';
import { useAction } from '../state/resource.ts';

/** The token's scopes, space-separated. */
type Scopes = 'read' | 'read sessions';
const SCOPE_CHOICES: [Scopes, string][] = [
  ['read', 'Read only'],
  ['read sessions', 'Read and close sessions'],
];
/** Days; '' for never. */
const EXPIRY_CHOICES: [string, string][] = [
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', 'a year'],
  ['', 'never'],
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
    announce('Token made. Copy it now: it is shown only once.');
  }

  return (
    <form class="stack" onSubmit={submit} aria-labelledby="new-token-title">
      <h3 id="new-token-title">Make a token</h3>
      <div class="field">
        <label for="token-name">Token name</label>
        <input id="token-name" required maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <Choice
        id="token-scopes"
        label="Permissions"
        value={scopes}
        choices={SCOPE_CHOICES}
        onChange={setScopes}
        hint="Every token reads proxy URLs, usage and sessions; only the second kind may close sessions."
      />
      <Choice id="token-expiry" label="Expires after" value={days} choices={EXPIRY_CHOICES} onChange={setDays} />
      <div>
        <button type="submit" disabled={making.loading.value}>
          Make token
        </button>
      </div>
      <div aria-live="polite">
        {made && (
          <div class="banner info">
            <p>Your new token “{made.view.name}”. Copy it now: it is shown only this once.</p>
            <CodeBlock label="Your new API token">{made.token}</CodeBlock>
            <CopyButton text={made.token} what="API token" />
          </div>
        )}
        {reauthNeeded && <Reauth returnTo="/dashboard/api" />}
        <ErrorText error={reauthNeeded ? null : failure} />
      </div>
    </form>
  );
}
