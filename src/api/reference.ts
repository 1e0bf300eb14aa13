// The customer API's reference as one small HTML page, rendered from the OpenAPI document (so it says what the
// routes do): no script, one inline stylesheet allowed by its hash.
import { contentSecurityPolicy, escapeHtml, styleHash } from '../html/index.ts';
import type { OpenApiDocument } from './openapi.ts';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: { type?: string; enum?: string[]; default?: unknown; pattern?: string };
}

interface Operation {
  summary: string;
  description: string;
  parameters: Parameter[];
  /** `[]` on the routes that need no token. */
  security?: unknown[];
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
code,pre{font:14px ui-monospace,monospace;background:#f3f4f6;border-radius:4px}code{padding:0 .2em}
pre{padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}h2{margin-top:2.5rem;border-top:1px solid #e5e7eb;padding-top:1rem}
.m{font-weight:700;text-transform:uppercase;margin-right:.5em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
@media (prefers-color-scheme:dark){body{background:#111827;color:#e5e7eb}code,pre{background:#1f2937}}`;

/** Escaped, with `code` spans. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function typeOf({ schema }: Parameter): string {
  const kind = schema.enum ? schema.enum.join(' | ') : (schema.type ?? 'string');
  return schema.default === undefined ? kind : `${kind} (default ${String(schema.default)})`;
}

function parameterTable(parameters: Parameter[]): string {
  if (!parameters.length) return '';
  const rows = parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' (required)' : ''}</td><td>${escapeHtml(typeOf(p))}</td><td>${prose(p.description ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${parameters[0]?.in === 'path' ? 'parameter' : 'query'}</th><th>type</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function section(base: string, path: string, method: string, op: Operation): string {
  const auth = op.security ? '' : ' -H "Authorization: Bearer $TOKEN"';
  const verb = method === 'get' ? '' : ` -X ${method.toUpperCase()}`;
  return `<h2 id="${escapeHtml(method + path)}"><span class="m">${escapeHtml(method)}</span><code>${escapeHtml(path)}</code></h2>
<p><strong>${escapeHtml(op.summary)}.</strong> ${op.description.split('\n\n').map(prose).join('</p><p>')}</p>
${parameterTable(op.parameters)}<pre>curl${verb}${auth} '${escapeHtml(base + path)}'</pre>`;
}

/** The page and the Content-Security-Policy it needs (its stylesheet's hash, nothing else). */
export async function referencePage(doc: OpenApiDocument): Promise<{ html: string; csp: string }> {
  const base = doc.servers[0]?.url ?? '';
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => section(base, path, method, op as Operation)),
  );
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title><style>${STYLE}</style></head><body><main>
<h1>${escapeHtml(doc.info.title)}</h1><p>${prose(doc.info.description)}</p>
<p>Base URL: <code>${escapeHtml(base)}</code> · machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1) · tokens: <a href="/dashboard">your dashboard</a></p>
<pre>export TOKEN=pst_…   # from your dashboard, shown once
curl -H "Authorization: Bearer $TOKEN" '${escapeHtml(base)}/proxy-urls?count=5&amp;format=txt'</pre>
${sections.join('\n')}
</main></body></html>`;
  const csp = contentSecurityPolicy({
    'default-src': ["'none'"],
    'style-src': [await styleHash(STYLE)],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
  return { html, csp };
}
