// A customer's personal access tokens in the console (name, scopes, last use, expiry; never the token), each with a
// revoke action behind a confirmation and a fresh sign-in.
import type { CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDateTime } from '../../../src/shared/format.ts';
import type { TokensAnswer, TokenView } from '../../../src/shared/tokens.ts';
import { api, read } from '../api.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';
import { Action, useActionFeedback } from './CustomerActions.tsx';

export function CustomerTokens({ d }: { d: Detail }) {
  const id = d.customer.id;
  const tokens = useResource(
    (customerId) => read<TokensAnswer>(api.admin.customers[':id'].tokens.$get({ param: { id: customerId } })),
    id,
  );
  const { handlers, feedback } = useActionFeedback(tokens.run);
  const columns: Column<TokenView>[] = [
    { head: 'Name', cell: (t) => t.name, rowHeader: true, class: 'break' },
    { head: 'Token', cell: (t) => t.hint, class: 'mono' },
    { head: 'Scopes', cell: (t) => t.scopes.join(', ') },
    { head: 'Last used', cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never') },
    { head: 'Expires', cell: (t) => (t.expired ? 'expired' : t.expiresAt ? formatDateTime(t.expiresAt) : 'never') },
    {
      head: 'Revoke',
      hideHead: true,
      cell: (t) => (
        <Action
          label="Revoke"
          title={`Revoke “${t.name}”`}
          confirmLabel="Revoke token"
          explain="Scripts using this token are refused from the next request on. The customer can make a new one."
          danger
          run={() => read(api.admin.customers[':id'].tokens[':tokenId'].revoke.$post({ param: { id, tokenId: t.id } }))}
          {...handlers}
        />
      ),
    },
  ];
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {feedback}
      <LoadState state={tokens}>
        {(answer) =>
          answer.tokens.length ? (
            <Table caption="API tokens" columns={columns} rows={answer.tokens} rowKey={(t) => t.id} />
          ) : (
            <p class="muted">No API tokens.</p>
          )
        }
      </LoadState>
    </section>
  );
}
