// The customer's personal access tokens: the list (never the tokens themselves), revoking one or all behind a
// confirmation, and making one (NewToken.tsx), which is shown once.
import { useState } from 'preact/hooks';
import { formatDate } from '../../../src/shared/format.ts';
import type { TokensAnswer, TokenView } from '../../../src/shared/tokens.ts';
import { api, read } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { announce } from '../state/announce.ts';
import { useAction, useResource } from '../state/resource.ts';
import { NewToken } from './NewToken.tsx';

/** The token to revoke, or null for every token. */
type Revoking = TokenView | null;

const loadTokens = () => read<TokensAnswer>(api.tokens.$get());

export function ApiTokens() {
  const tokens = useResource(loadTokens);
  const [confirming, setConfirming] = useState<Revoking | undefined>(undefined);
  const revoking = useAction((token: Revoking) =>
    read(token ? api.tokens[':id'].$delete({ param: { id: token.id } }) : api.tokens.$delete()),
  );

  async function revoke() {
    const token = confirming as Revoking;
    const done = await revoking.run(token);
    setConfirming(undefined);
    if (!done) return;
    announce(token ? `Token “${token.name}” revoked.` : 'Every token revoked.');
    void tokens.run();
  }

  const columns: Column<TokenView>[] = [
    { head: 'Name', cell: (t) => t.name, rowHeader: true },
    { head: 'Token', cell: (t) => t.hint, class: 'mono' },
    { head: 'Scopes', cell: (t) => t.scopes.join(', ') },
    { head: 'Last used', cell: (t) => (t.lastUsedAt ? formatDate(t.lastUsedAt) : 'never') },
    { head: 'Expires', cell: (t) => (t.expired ? 'expired' : t.expiresAt ? formatDate(t.expiresAt) : 'never') },
    {
      head: 'Revoke',
      hideHead: true,
      cell: (t) => (
        <button type="button" class="secondary" onClick={() => setConfirming(t)}>
          Revoke<span class="visually-hidden"> “{t.name}”</span>
        </button>
      ),
    },
  ];

  return (
    <section class="card stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <LoadState state={tokens} loading="Loading tokens…">
        {({ tokens: list, limit }) => (
          <>
            {list.length ? (
              <Table caption="API tokens" columns={columns} rows={list} rowKey={(t) => t.id} />
            ) : (
              <p class="muted">No tokens yet.</p>
            )}
            <p class="muted">You can hold up to {limit} tokens. A revoked token is refused from its next request on.</p>
            {list.length > 1 && (
              <button type="button" class="danger" onClick={() => setConfirming(null)}>
                Revoke every token…
              </button>
            )}
          </>
        )}
      </LoadState>
      <ErrorText error={revoking.error.value} />
      <NewToken onMade={tokens.run} />
      <ConfirmDialog
        open={confirming !== undefined}
        title={confirming ? `Revoke “${confirming.name}”?` : 'Revoke every token?'}
        confirmLabel="Revoke"
        danger
        busy={revoking.loading.value}
        onConfirm={revoke}
        onCancel={() => setConfirming(undefined)}
      >
        <p>Scripts using {confirming ? 'this token' : 'any of your tokens'} are refused from their next request on.</p>
      </ConfirmDialog>
    </section>
  );
}
