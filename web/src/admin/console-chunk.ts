// The console's chunk, held at module level so it is fetched once: by /admin's gate for an operator, and by the app's
// start over a console the Worker rendered (main.tsx), without either of them pulling the gate into the app's bundle.
import { lazyChunk } from '../components/LazyPage.tsx';

export const consoleChunk = lazyChunk(() => import('./AdminApp.tsx').then((chunk) => chunk.AdminApp));
