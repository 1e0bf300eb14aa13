// /admin's gate (the console for operators, a 403 page for anyone else), a chunk held at module level so it is fetched
// once: by the app on /admin, and by the app's start over a console the Worker rendered (main.tsx).
import { lazyChunk } from '../components/LazyPage.tsx';

export const gateChunk = lazyChunk(() => import('../pages/AdminGate.tsx').then((page) => page.AdminGate));
