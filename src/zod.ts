// The one zod the Worker uses: `zod/mini` (tree-shakable) with English messages for named errors.
// Import it as a namespace, `import * as z from '../zod.ts'`: a re-exported `z` object defeats tree-shaking.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
