// The overview the Worker rendered /admin with, handed to the console so it takes the page over without asking again:
// put in place by the Worker just before it renders an operator's /admin, and in the browser by this chunk as it loads
// (the app waits for it before its first render), from the answer written into the page.
import type { OverviewAnswer } from '../../../src/shared/admin.ts';
import { pageData } from '../state/page.ts';
import { signedIn } from '../state/session.ts';

let handed: OverviewAnswer | undefined;

/** The answer names the operator too: who is signed in is known with it. */
export function handOverview(answer: OverviewAnswer | undefined): void {
  handed = answer;
  if (answer) signedIn(answer.operator);
}

/** The handed answer, once: the next overview shown asks afresh. */
export function takeOverview(): OverviewAnswer | undefined {
  const answer = handed;
  handed = undefined;
  return answer;
}

if (!import.meta.env.SSR) handOverview(pageData()?.console);
