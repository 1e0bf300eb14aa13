// The console's overview, asked for at once when the app starts on /admin: its answer names the operator too, so the
// load asks who is signed in once. A customer's 403 leaves that question to /api/auth/me (the gate names them).
import type { OverviewAnswer } from '../../../src/shared/admin.ts';
import { api, read } from '../api.ts';
import { sessionFrom } from './session.ts';

const askOverview = () => read<OverviewAnswer>(api.admin.overview.$get());

let opening: Promise<OverviewAnswer> | undefined;

export function openConsole(): void {
  opening = sessionFrom(askOverview(), (found) => found.operator);
}

/** The overview: the one `openConsole` asked for, the first time; a fresh one after. */
export function consoleOverview(): Promise<OverviewAnswer> {
  const first = opening;
  opening = undefined;
  return first ?? askOverview();
}
