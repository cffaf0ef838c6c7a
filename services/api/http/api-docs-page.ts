import { createHash } from 'node:crypto';

/** The parts of an OpenAPI 3 document the docs page reads; anything else in it is ignored. */
export interface DocsParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: unknown[]; pattern?: string; format?: string; default?: unknown };
}
export interface DocsOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: DocsParameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}
export interface DocsDocument {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, DocsOperation>>;
}

export interface DocsPage {
  html: string;
  /** The page's own policy: its one inline style and one inline script by hash, requests to this origin only. */
  csp: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{margin-bottom:.25rem}h2{border-bottom:2px solid #154273;padding-bottom:.25rem;margin-top:2.5rem}
section.op{border:1px solid #b3b3b3;border-radius:4px;padding:0 1rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:3.5rem;font-family:monospace;font-weight:bold;color:#fff;background:#154273;padding:0 .4rem;border-radius:3px;margin-right:.5rem;text-align:center}
.method-post{background:#1d5e20}code,pre{font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #b3b3b3;padding:.25rem .5rem;text-align:left;vertical-align:top}
label{display:block;font-weight:600;margin-top:.5rem}input{font:inherit;padding:.25rem;width:100%;max-width:30rem;box-sizing:border-box}
button{display:block;font:inherit;margin-top:.75rem;padding:.3rem 1rem;background:#154273;color:#fff;border:0;border-radius:3px;cursor:pointer}
:focus-visible{outline:3px solid #e17000;outline-offset:2px}
pre{background:#f3f3f3;padding:.5rem;overflow:auto;max-height:24rem;white-space:pre-wrap;word-break:break-all}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
.hint{color:#4d4d4d;font-size:.9rem}
`;

// Reads the form's data-path and its inputs' data-in; writes only through textContent, so an answer that
// contains markup is shown as text. The token stays in this page's memory: no storage, no cookie.
const SCRIPT = `
(function () {
  var token = document.getElementById('token');
  var base = document.body.getAttribute('data-base');
  document.querySelectorAll('form.try').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var path = form.getAttribute('data-path');
      var query = new URLSearchParams();
      form.querySelectorAll('input[data-in]').forEach(function (input) {
        if (input.getAttribute('data-in') === 'path') {
          path = path.split('{' + input.name + '}').join(encodeURIComponent(input.value));
        } else if (input.value !== '') {
          query.append(input.name, input.value);
        }
      });
      var url = base + path + (query.toString() ? '?' + query.toString() : '');
      var headers = { Accept: 'application/json, application/problem+json' };
      if (token.value.trim() !== '') headers.Authorization = 'Bearer ' + token.value.trim();
      var status = form.querySelector('.status');
      var body = form.querySelector('.body');
      status.textContent = 'GET ' + url + ' …';
      body.textContent = '';
      fetch(url, { headers: headers, credentials: 'omit', cache: 'no-store' })
        .then(function (res) {
          return res.text().then(function (text) {
            status.textContent = 'GET ' + url + ' → ' + res.status + ' ' + res.statusText;
            try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: shown as is */ }
            body.textContent = text.length > 100000 ? text.slice(0, 100000) + '\\n… (' + text.length + ' characters, cut)' : text;
          });
        })
        .catch(function (error) { status.textContent = 'GET ' + url + ' failed: ' + error.message; });
    });
  });
})();
`;

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const DOCS_CSP = [
  "default-src 'none'",
  `script-src ${cspHash(SCRIPT)}`,
  `style-src ${cspHash(STYLE)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const slug = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Escaped text whose `backticks` (as the document's descriptions use them) become code. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const paragraphs = (text: string | undefined) =>
  (text ?? '')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${inline(p.trim())}</p>`)
    .join('');

function describeSchema(schema: DocsParameter['schema']): string {
  if (!schema) return '';
  const parts = [schema.type ?? 'any'];
  if (schema.enum) parts.push(`one of ${schema.enum.map((v) => String(v)).join(', ')}`);
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.format) parts.push(`format ${schema.format}`);
  return escapeHtml(parts.join('; '));
}

function access(op: DocsOperation): string {
  if (!op.security || op.security.length === 0) return 'Public: no credentials needed.';
  const roles = /Roles: ([^.\n]+)/.exec(op.description ?? '')?.[1];
  const schemes = op.security.flatMap((s) => Object.keys(s)).join(' or ');
  return `Credentials: ${schemes}.${roles ? ` Roles: ${roles}.` : ''}`;
}

function parameterTable(params: DocsParameter[]): string {
  if (params.length === 0) return '<p>No parameters.</p>';
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${describeSchema(p.schema)}</td><td>${inline(p.description ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><caption class="hint">Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function responseTable(responses: DocsOperation['responses']): string {
  const rows = Object.entries(responses ?? {})
    .map(
      ([status, r]) =>
        `<tr><td><code>${escapeHtml(status)}</code></td><td>${inline(r.description ?? '')}</td>` +
        `<td>${Object.keys(r.content ?? {})
          .map((t) => `<code>${escapeHtml(t)}</code>`)
          .join(', ')}</td></tr>`,
    )
    .join('');
  return `<table><caption class="hint">Responses</caption><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Content type</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function tryForm(id: string, path: string, params: DocsParameter[]): string {
  const inputs = params
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => {
      const inputId = `${id}-${slug(p.name)}`;
      const hint = p.schema?.enum ? ` (${p.schema.enum.map((v) => String(v)).join(', ')})` : '';
      return (
        `<label for="${inputId}">${escapeHtml(p.name)}${p.required ? ' (required)' : ''}${escapeHtml(hint)}</label>` +
        `<input id="${inputId}" name="${escapeHtml(p.name)}" data-in="${escapeHtml(p.in)}"${p.required ? ' required' : ''} autocomplete="off" spellcheck="false">`
      );
    })
    .join('');
  return (
    `<form class="try" data-path="${escapeHtml(path)}" aria-labelledby="${id}-try"><h4 id="${id}-try">Try it</h4>${inputs}` +
    `<button type="submit">Send GET request</button>` +
    `<p class="status" role="status" aria-live="polite"></p><pre class="body" tabindex="0" role="region" aria-label="Response body"></pre></form>`
  );
}

function operationSection(method: string, path: string, op: DocsOperation): string {
  const id = slug(op.operationId ?? `${method}-${path}`);
  const params = op.parameters ?? [];
  const body = op.requestBody?.content
    ? `<p>Request body: ${Object.keys(op.requestBody.content)
        .map((t) => `<code>${escapeHtml(t)}</code>`)
        .join(' or ')}</p>`
    : '';
  const description = (op.description ?? '').replace(/\n*(Roles: [^\n]*|Public: no credentials needed\.)$/, '');
  return (
    `<section class="op" id="${id}" aria-labelledby="${id}-title">` +
    `<h3 id="${id}-title"><span class="method method-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span><code>${escapeHtml(path)}</code></h3>` +
    `<p><strong>${escapeHtml(op.summary ?? '')}</strong></p>${paragraphs(description)}` +
    `<p>Operation <code>${escapeHtml(op.operationId ?? '')}</code>. ${escapeHtml(access(op))}</p>` +
    parameterTable(params) +
    body +
    responseTable(op.responses) +
    (method === 'get' ? tryForm(id, path, params) : '') +
    '</section>'
  );
}

/**
 * The interactive API reference, rendered from the OpenAPI document itself so it can never describe
 * operations that do not exist. Self-contained (no CDN: production networks have no internet); every
 * value from the document is escaped, and the page runs only its own script, allowed by hash.
 */
export function apiDocsPage(doc: DocsDocument): DocsPage {
  const base = doc.servers?.[0]?.url ?? '';
  const groups = new Map<string, string[]>();
  for (const tag of doc.tags ?? []) groups.set(tag.name, []);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), operationSection(method, path, op)]);
    }
  }
  const tagDescriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  const filled = [...groups].filter(([, sections]) => sections.length > 0);
  const nav = filled.map(([tag]) => `<li><a href="#tag-${slug(tag)}">${escapeHtml(tag)}</a></li>`).join('');
  const content = filled
    .map(
      ([tag, sections]) =>
        `<section aria-labelledby="tag-${slug(tag)}"><h2 id="tag-${slug(tag)}">${escapeHtml(tag)}</h2>` +
        `${paragraphs(tagDescriptions.get(tag))}${sections.join('')}</section>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title><style>${STYLE}</style></head>` +
    `<body data-base="${escapeHtml(base)}"><a class="skip" href="#content">Skip to the operations</a><main>` +
    `<h1>${escapeHtml(doc.info.title)} <span class="hint">${escapeHtml(doc.info.version)}</span></h1>${paragraphs(doc.info.description)}` +
    `<p>Machine-readable: <a href="${escapeHtml(base)}/openapi.json">openapi.json</a> (OpenAPI 3).</p>` +
    `<nav aria-label="Resources"><ul>${nav}</ul></nav>` +
    `<section aria-labelledby="auth-title"><h2 id="auth-title">Credentials for “Try it”</h2>` +
    `<label for="token">Bearer token</label><input id="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-hint">` +
    `<p id="token-hint" class="hint">Sent as <code>Authorization: Bearer …</code> with each request from this page. ` +
    `It is kept in this page's memory only and is gone when you close or reload it.</p></section>` +
    `<div id="content">${content}</div></main><script>${SCRIPT}</script></body></html>`;
  return { html, csp: DOCS_CSP };
}
