// The customer's open gateway sessions (their own key only), with close and close all.
import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../../src/shared/dashboard.ts';
import { countryName, formatBytes, formatTime } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { announce } from '../state/announce.ts';

export function Sessions() {
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const [closing, setClosing] = useState<string | null>(null);

  async function load() {
    setLoading(true);
    try {
      setSessions((await read(api.sessions.$get())).sessions);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), []);

  async function close(key: string) {
    setClosing(key);
    try {
      await read(api.sessions[':key'].$delete({ param: { key } }));
      announce('Session closed.');
    } catch (err) {
      announce((err as Error).message);
    } finally {
      setClosing(null);
      await load();
    }
  }

  async function closeAll() {
    setClosing('*');
    try {
      const { closed } = await read(api.sessions.$delete());
      announce(`${closed} ${closed === 1 ? 'session' : 'sessions'} closed.`);
    } catch (err) {
      announce((err as Error).message);
    } finally {
      setClosing(null);
      setConfirmAll(false);
      await load();
    }
  }

  return (
    <section class="card" aria-labelledby="sessions-title" aria-busy={loading}>
      <div class="section-head">
        <h2 id="sessions-title">Open sessions</h2>
        <div class="actions">
          <button type="button" class="secondary" onClick={load} disabled={loading}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
          {sessions && sessions.length > 0 && (
            <button type="button" class="danger" onClick={() => setConfirmAll(true)}>
              Close all
            </button>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
      {sessions === null && !error && <p class="muted">Loading sessions…</p>}
      {sessions?.length === 0 && (
        <p class="muted">No open sessions. They appear here while your apps use sticky session ids.</p>
      )}
      {sessions && sessions.length > 0 && (
        <div class="table-scroll" tabIndex={0} aria-label="Open sessions table">
          <table>
            <thead>
              <tr>
                <th scope="col">Session id</th>
                <th scope="col">Where</th>
                <th scope="col">IP</th>
                <th scope="col">Traffic</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.sessionKey}>
                  <td class="mono">{s.synthesizedSid ? <span class="muted">(auto) {s.sid}</span> : s.sid}</td>
                  <td>
                    {s.pool}
                    {s.country ? ` · ${countryName(s.country)}` : ''}
                    {s.carrier ? ` · ${s.carrier}` : ''}
                  </td>
                  <td class="mono">{s.currentIp ?? '—'}</td>
                  <td>
                    {formatBytes(s.bytesIn + s.bytesOut)} · {s.requestCount} req
                  </td>
                  <td>{formatTime(s.lastActivityAt)}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => close(s.sessionKey)}
                      disabled={closing !== null}
                      aria-label={`Close session ${s.sid}`}
                    >
                      {closing === s.sessionKey ? 'Closing…' : 'Close'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={confirmAll}
        title="Close all sessions?"
        confirmLabel="Close all"
        danger
        busy={closing === '*'}
        onConfirm={closeAll}
        onCancel={() => setConfirmAll(false)}
      >
        <p>Every open session of your key ends now; the next request of each app gets a new IP.</p>
      </ConfirmDialog>
    </section>
  );
}
