// The customer's open gateway sessions (their own key only), with close and close all.
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../src/shared/dashboard.ts';
import { countryName, formatBytes, formatTime } from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { t } from '../i18n.ts';
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
      return t('sessions.closed');
    }
    return t('sessions.closedCount', { count: await closeAllProxySessions() });
  });
  const busy = closing.loading.value;

  async function close(which: string) {
    setTarget(which);
    const done = await closing.run(which);
    announce(done ?? closing.error.peek()?.message ?? t('sessions.notClosed'));
    setConfirmAll(false);
    await sessions.run();
  }

  const columns: Column<SessionView>[] = [
    {
      head: t('sessions.id'),
      class: 'mono',
      cell: (s) =>
        s.synthesizedSid ? (
          <span class="muted">
            {t('sessions.auto')} <Breakable text={s.sid} />
          </span>
        ) : (
          <Breakable text={s.sid} />
        ),
    },
    {
      head: t('sessions.where'),
      cell: (s) => `${s.pool}${s.country ? ` · ${countryName(s.country)}` : ''}${s.carrier ? ` · ${s.carrier}` : ''}`,
    },
    { head: 'IP', class: 'mono', tokens: true, cell: (s) => s.currentIp ?? '—' },
    {
      head: t('sessions.traffic'),
      cell: (s) => t('sessions.requests', { traffic: formatBytes(s.bytesIn + s.bytesOut), count: s.requestCount }),
    },
    { head: t('sessions.lastActive'), cell: (s) => formatTime(s.lastActivityAt) },
    {
      head: t('sessions.actions'),
      hideHead: true,
      cell: (s) => (
        <button
          type="button"
          class="secondary"
          onClick={() => close(s.sessionKey)}
          disabled={busy}
          aria-label={t('sessions.closeOne', { sid: s.sid })}
        >
          {busy && target === s.sessionKey ? t('sessions.closing') : t('sessions.close')}
        </button>
      ),
    },
  ];

  const list = sessions.data.value;
  return (
    <section class="card" aria-labelledby="sessions-title" aria-busy={sessions.loading.value}>
      <div class="section-head">
        <h2 id="sessions-title">{t('sessions.title')}</h2>
        <div class="actions">
          <button type="button" class="secondary" onClick={sessions.run} disabled={sessions.loading.value}>
            {sessions.loading.value ? t('sessions.refreshing') : t('sessions.refresh')}
          </button>
          {list && list.length > 0 && (
            <button type="button" class="danger" onClick={() => setConfirmAll(true)}>
              {t('sessions.closeAll')}
            </button>
          )}
        </div>
      </div>
      <LoadState state={sessions} loading={t('sessions.loading')}>
        {(open) =>
          open.length === 0 ? (
            <p class="muted">{t('sessions.none')}</p>
          ) : (
            <Table caption={t('sessions.title')} columns={columns} rows={open} rowKey={(s) => s.sessionKey} />
          )
        }
      </LoadState>
      <ConfirmDialog
        open={confirmAll}
        title={t('sessions.confirmTitle')}
        confirmLabel={t('sessions.closeAll')}
        danger
        busy={busy && target === '*'}
        onConfirm={() => close('*')}
        onCancel={() => setConfirmAll(false)}
      >
        <p>{t('sessions.confirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
