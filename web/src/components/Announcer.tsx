// The page's one polite live region: screen readers hear what `announce` says (state/announce.ts).
import { announcement } from '../state/announce.ts';

export function Announcer() {
  return (
    <div class="visually-hidden" aria-live="polite" role="status">
      {announcement.value}
    </div>
  );
}
