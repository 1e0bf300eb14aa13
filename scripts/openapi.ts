// `npm run openapi`: writes the customer API's operations (src/api/openapi.generated.json) from the /api/v1 route
// declarations, so the Worker serves its OpenAPI document without building it per isolate (and without zod's JSON
// Schema converter in its bundle). test/api/openapi.test.ts fails when the declarations and the file differ.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { ApiOperation } from '../src/api/openapi.ts';
import { operationsDocument } from '../src/api/openapi-build.ts';

// The routes are Worker code (typechecked with the Worker's types by tsconfig.json); Node loads them by path.
const ROUTES: string = '../src/routes/api-v1.ts';
const { apiV1Operations } = (await import(ROUTES)) as { apiV1Operations: readonly ApiOperation[] };

const FILE = 'src/api/openapi.generated.json';
writeFileSync(FILE, `${JSON.stringify(operationsDocument(apiV1Operations), null, 2)}\n`);
spawnSync('npx', ['biome', 'format', '--write', FILE], { stdio: 'ignore' });
console.log(`✓ wrote ${FILE} (${apiV1Operations.length} operations)`);
