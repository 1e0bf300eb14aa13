// The OpenAPI 3.1 document is valid (checked against the OpenAPI 3.1 schema and its JSON Schema dialect by
// @hyperjump/json-schema), lists every /api/v1 route with the parameters its route validates, is the one the route
// declarations make (built at build time: a drift fails here), and the reference page renders it.
import { validate } from '@hyperjump/json-schema/openapi-3-1';
import { beforeAll, describe, expect, it } from 'vitest';
import generated from '../../src/api/openapi.generated.json' with { type: 'json' };
import type { OpenApiDocument } from '../../src/api/openapi.ts';
import { operationsDocument } from '../../src/api/openapi-build.ts';
import { proxyUrlsQuery } from '../../src/api/schemas.ts';
import { apiV1, apiV1Operations } from '../../src/routes/api-v1.ts';
import { MAX_STICKY_BATCH } from '../../src/shared/proxy-url.ts';
import { apiCall, customerWithKey, makeToken } from '../support/index.ts';

let doc: OpenApiDocument;
let res: Response;

beforeAll(async () => {
  res = await apiCall('/api/v1/openapi.json', null);
  doc = await res.json<OpenApiDocument>();
});

type Operation = { parameters: { name: string; in: string; required: boolean }[]; security?: unknown[] };
const operationOf = (path: string, method: string) =>
  (doc.paths as Record<string, Record<string, Operation>>)[path]?.[method];

describe('GET /api/v1/openapi.json', () => {
  it('is served without a token', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://shop.test/api/v1' }]);
  });

  it('validates against the OpenAPI 3.1 schema, schemas included', async () => {
    const output = await validate(
      'https://spec.openapis.org/oas/3.1/schema-base',
      JSON.parse(JSON.stringify(doc)),
      'BASIC',
    );
    expect(output).toEqual({ valid: true });
    expect(output.valid).toBe(true);
  });

  it('a broken document does not validate (the check can fail)', async () => {
    const broken = JSON.parse(JSON.stringify(doc));
    broken.paths['/key'].get.responses = { 200: { content: {} } };
    expect((await validate('https://spec.openapis.org/oas/3.1/schema-base', broken, 'BASIC')).valid).toBe(false);
  });

  it('is the one the route declarations make: change a route, then `npm run openapi`', () => {
    const fromDeclarations = JSON.parse(JSON.stringify(operationsDocument(apiV1Operations)));
    expect(generated).toEqual(fromDeclarations);
    expect({ paths: doc.paths, components: doc.components }).toEqual(fromDeclarations);
    // A declaration changed without regenerating the file is caught.
    const [first, ...rest] = apiV1Operations;
    const changed = [{ ...first!, summary: `${first!.summary}, changed` }, ...rest];
    expect(generated).not.toEqual(JSON.parse(JSON.stringify(operationsDocument(changed))));
  });

  it('lists every /api/v1 route, and only those', () => {
    const routes = apiV1.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(routes));
  });

  it('documents the query parameters the route validates, and the token each route needs', () => {
    const proxyUrls = operationOf('/proxy-urls', 'get')!;
    expect(proxyUrls.parameters.map((p) => p.name).sort()).toEqual(Object.keys(proxyUrlsQuery.shape).sort());
    expect(proxyUrls.parameters.every((p) => p.in === 'query' && !p.required)).toBe(true);
    expect(operationOf('/sessions/{key}', 'delete')!.parameters).toEqual([
      expect.objectContaining({ name: 'key', in: 'path', required: true }),
    ]);
    expect(operationOf('/openapi.json', 'get')!.security).toEqual([]);
    expect(operationOf('/key', 'get')!.security).toBeUndefined();
    expect(doc.security).toEqual([{ token: [] }]);
  });
});

describe('numeric query parameters', () => {
  type Parameter = { name: string; schema: Record<string, unknown> };
  const parameter = (path: string, name: string) =>
    (operationOf(path, 'get')!.parameters as unknown as Parameter[]).find((p) => p.name === name)!.schema;

  it('are integers with their minimum and maximum, so a generated typed client passes count: 5, not "5"', () => {
    expect(parameter('/proxy-urls', 'count')).toEqual({ type: 'integer', minimum: 1, maximum: MAX_STICKY_BATCH });
    expect(parameter('/usage', 'days')).toEqual({ type: 'integer', minimum: 1, maximum: 90 });
    // No parameter documented as text is a number in disguise (a pattern of digits).
    const all = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods as Record<string, { parameters: Parameter[] }>).flatMap((op) => op.parameters),
    );
    for (const { name, schema } of all) expect(String(schema.pattern ?? ''), name).not.toContain('\\d');
  });

  it('are still validated as the text they arrive as', async () => {
    const { cookie } = await customerWithKey('openapi-integers@example.com', 'starter');
    const { token } = await makeToken(cookie);
    expect((await apiCall('/api/v1/proxy-urls?count=5', token)).status).toBe(200);
    for (const count of ['0', '5.5', '1e1', `${MAX_STICKY_BATCH + 1}`, 'five'])
      expect((await apiCall(`/api/v1/proxy-urls?count=${count}`, token)).status, count).toBe(400);
  });
});

describe('GET /api/v1/docs', () => {
  it('is a readable page of every route, styled only by its hashed stylesheet', async () => {
    const page = await apiCall('/api/v1/docs', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).not.toContain('script-src');
    const html = await page.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style));
    expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
    expect(html).not.toContain('<script');
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`<code>${path}</code>`);
    expect(html).toContain('Authorization: Bearer $TOKEN');
    // Every column of every parameter table is named.
    expect(html).toContain('<th>type</th><th>description</th>');
    expect(html).not.toMatch(/<th>\s*<\/th>/);
    // One main landmark holds the whole reference (axe: landmark-one-main, region).
    expect(html).toMatch(/<body><main>[\s\S]*<\/main><\/body>/);
  });
});
