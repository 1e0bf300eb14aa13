// Polling that runs only while the tab is visible: a hidden tab makes no requests and catches up when shown.
import { useEffect, useRef } from 'preact/hooks';

/** Calls `task` every `intervalMs` while the page is visible, and at once when it becomes visible after a pause. */
export function useVisibleInterval(task: () => unknown, intervalMs: number, enabled = true): void {
  // The newest task runs; a new function on every render does not restart the timer.
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    let timer: ReturnType<typeof setInterval> | undefined;
    const run = () => {
      last = Date.now();
      void latest.current();
    };
    const start = () => {
      clearInterval(timer);
      timer = setInterval(run, intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') return clearInterval(timer);
      if (Date.now() - last >= intervalMs) run();
      start();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, enabled]);
}
