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
import { t } from '../i18n.ts';
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
    announce(token ? t('tokens.revoked', { name: token.name }) : t('tokens.allRevoked'));
    void tokens.run();
  }

  const columns: Column<TokenView>[] = [
    { head: t('tokens.name'), cell: (token) => token.name, rowHeader: true },
    { head: t('tokens.token'), cell: (token) => token.hint, class: 'mono' },
    { head: t('tokens.scopes'), cell: (token) => token.scopes.join(', ') },
    {
      head: t('tokens.lastUsed'),
      cell: (token) => (token.lastUsedAt ? formatDate(token.lastUsedAt) : t('tokens.never')),
    },
    {
      head: t('tokens.expires'),
      cell: (token) =>
        token.expired ? t('tokens.expired') : token.expiresAt ? formatDate(token.expiresAt) : t('tokens.never'),
    },
    {
      head: t('tokens.revoke'),
      hideHead: true,
      cell: (token) => (
        <button type="button" class="secondary" onClick={() => setConfirming(token)}>
          {t('tokens.revoke')}
          <span class="visually-hidden"> “{token.name}”</span>
        </button>
      ),
    },
  ];

  return (
    <section class="card stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <LoadState state={tokens} loading={t('tokens.loading')}>
        {({ tokens: list, limit }) => (
          <>
            {list.length ? (
              <Table caption={t('tokens.title')} columns={columns} rows={list} rowKey={(token) => token.id} />
            ) : (
              <p class="muted">{t('tokens.none')}</p>
            )}
            <p class="muted">{t('tokens.limit', { limit })}</p>
            {list.length > 1 && (
              <button type="button" class="danger" onClick={() => setConfirming(null)}>
                {t('tokens.revokeAll')}
              </button>
            )}
          </>
        )}
      </LoadState>
      <ErrorText error={revoking.error.value} />
      <NewToken onMade={tokens.run} />
      <ConfirmDialog
        open={confirming !== undefined}
        title={confirming ? t('tokens.revokeOne', { name: confirming.name }) : t('tokens.revokeEvery')}
        confirmLabel={t('tokens.revoke')}
        danger
        busy={revoking.loading.value}
        onConfirm={revoke}
        onCancel={() => setConfirming(undefined)}
      >
        <p>{confirming ? t('tokens.revokeText') : t('tokens.revokeAllText')}</p>
      </ConfirmDialog>
    </section>
  );
}
