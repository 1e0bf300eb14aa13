// The customer's open gateway sessions (their own key only), with close and close all.
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../src/shared/dashboard.ts';
import { countryName, formatBytes, formatTime } from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { announce } from '../state/announce.ts';
import { closeAllProxySessions, closeProxySession, listProxySessions } from '../state/proxy-sessions.ts';
import { useAction, useResource } from '../state/resource.ts';

export function Sessions() {
  const sessions = useResource(listProxySessions);
  const [confirmAll, setConfirmAll] = useState(false);
  /** The session being closed (its key), or '*' for all of them. */
  const [target, setTarget] = useState<string | null>(null);
  const closing = useAction(async (which: string): Promise<string> => {
    if (which !== '*') {
      await closeProxySession(which);
      return 'Session closed.';
    }
    const closed = await closeAllProxySessions();
    return `${closed} ${closed === 1 ? 'session' : 'sessions'} closed.`;
  });
  const busy = closing.loading.value;

  async function close(which: string) {
    setTarget(which);
    const done = await closing.run(which);
    announce(done ?? closing.error.peek()?.message ?? 'The session could not be closed.');
    setConfirmAll(false);
    await sessions.run();
  }

  const columns: Column<SessionView>[] = [
    {
      head: 'Session id',
      class: 'mono',
      cell: (s) =>
        s.synthesizedSid ? (
          <span class="muted">
            (auto) <Breakable text={s.sid} />
          </span>
        ) : (
          <Breakable text={s.sid} />
        ),
    },
    {
      head: 'Where',
      cell: (s) => `${s.pool}${s.country ? ` · ${countryName(s.country)}` : ''}${s.carrier ? ` · ${s.carrier}` : ''}`,
    },
    { head: 'IP', class: 'mono', tokens: true, cell: (s) => s.currentIp ?? '—' },
    { head: 'Traffic', cell: (s) => `${formatBytes(s.bytesIn + s.bytesOut)} · ${s.requestCount} req` },
    { head: 'Last active', cell: (s) => formatTime(s.lastActivityAt) },
    {
      head: 'Actions',
      hideHead: true,
      cell: (s) => (
        <button
          type="button"
          class="secondary"
          onClick={() => close(s.sessionKey)}
          disabled={busy}
          aria-label={`Close session ${s.sid}`}
        >
          {busy && target === s.sessionKey ? 'Closing…' : 'Close'}
        </button>
      ),
    },
  ];

  const list = sessions.data.value;
  return (
    <section class="card" aria-labelledby="sessions-title" aria-busy={sessions.loading.value}>
      <div class="section-head">
        <h2 id="sessions-title">Open sessions</h2>
        <div class="actions">
          <button type="button" class="secondary" onClick={sessions.run} disabled={sessions.loading.value}>
            {sessions.loading.value ? 'Refreshing…' : 'Refresh'}
          </button>
          {list && list.length > 0 && (
            <button type="button" class="danger" onClick={() => setConfirmAll(true)}>
              Close all
            </button>
          )}
        </div>
      </div>
      <LoadState state={sessions} loading="Loading sessions…">
        {(open) =>
          open.length === 0 ? (
            <p class="muted">No open sessions. They appear here while your apps use sticky session ids.</p>
          ) : (
            <Table caption="Open sessions" columns={columns} rows={open} rowKey={(s) => s.sessionKey} />
          )
        }
      </LoadState>
      <ConfirmDialog
        open={confirmAll}
        title="Close all sessions?"
        confirmLabel="Close all"
        danger
        busy={busy && target === '*'}
        onConfirm={() => close('*')}
        onCancel={() => setConfirmAll(false)}
      >
        <p>Every open session of your key ends now; the next request of each app gets a new IP.</p>
      </ConfirmDialog>
    </section>
  );
}
