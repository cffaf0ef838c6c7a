import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiDocsPage, type DocsDocument } from './api-docs-page.ts';

const DOC: DocsDocument = {
  info: { title: 'Test API', version: '1.2.3', description: 'About <b>this</b> API.' },
  servers: [{ url: '/api/v1' }],
  tags: [
    { name: 'Areas', description: 'The wijken' },
    { name: 'Ingest', description: 'Delivery' },
    { name: 'Empty', description: 'No operations here' },
  ],
  paths: {
    '/areas/{code}/series': {
      get: {
        operationId: 'getAreaSeries',
        tags: ['Areas'],
        summary: 'A series <script>alert(1)</script>',
        description: 'Weekly counts.\n\nRoles: epidemiologist, admin.',
        security: [{ bearer: [] }, { apiKey: [] }],
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^WK\\d{4}$' } },
          { name: 'theme', in: 'query', required: true, schema: { type: 'string', enum: ['loneliness', 'escalation'] } },
        ],
        responses: {
          '200': { description: 'The series', content: { 'application/json': {} } },
          '400': { description: 'Bad "input"; see `invalidParams` and `<i>`', content: { 'application/problem+json': {} } },
        },
      },
    },
    '/signals': {
      post: {
        operationId: 'postSignals',
        tags: ['Ingest'],
        summary: 'Deliver signals',
        security: [{ bearer: [] }],
        requestBody: { content: { 'application/json': {}, 'application/x-ndjson': {} } },
        responses: { '202': { description: 'Accepted' } },
      },
    },
    '/health': {
      get: { operationId: 'getHealth', summary: 'Health', security: [], responses: { '200': { description: 'ok' } } },
    },
  },
};

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inner = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');

describe('apiDocsPage', () => {
  const { html, csp } = apiDocsPage(DOC);

  it('groups the operations under their tags, in the order of the document, leaving out empty tags', () => {
    const headings = [...html.matchAll(/<h2 id="([^"]+)">/g)].map((m) => m[1]);
    expect(headings).toEqual(['auth-title', 'tag-areas', 'tag-ingest', 'tag-other']);
    expect(html.indexOf('getAreaSeries')).toBeLessThan(html.indexOf('postSignals'));
  });

  it('shows parameters, roles, responses and a try-it form for GET operations only', () => {
    expect(html).toContain('<code>theme</code></td><td>query</td><td>yes</td><td>string; one of loneliness, escalation</td>');
    expect(html).toContain('Roles: epidemiologist, admin.');
    expect(html).toContain('Public: no credentials needed.');
    expect(html).toContain('<code>application/x-ndjson</code>');
    expect(html).toContain('Bad &quot;input&quot;; see <code>invalidParams</code> and <code>&lt;i&gt;</code>');
    const forms = [...html.matchAll(/<form class="try" data-path="([^"]+)"/g)].map((m) => m[1]);
    expect(forms).toEqual(['/areas/{code}/series', '/health']);
    expect(html).toContain('data-base="/api/v1"');
  });

  it('escapes every value from the document', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>this</b>');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('allows exactly its own inline script and style by hash, and nothing from elsewhere', () => {
    const [script] = inner(html, 'script');
    const [style] = inner(html, 'style');
    expect(csp).toContain(`script-src ${sha256(script ?? '')}`);
    expect(csp).toContain(`style-src ${sha256(style ?? '')}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('labels every input, with unique ids, and never stores the token', () => {
    const ids = [...html.matchAll(/<input id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(3); // the token, code and theme (series); health has no parameters
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('type="password"');
    expect(inner(html, 'script')[0]).not.toMatch(/localStorage|sessionStorage|document\.cookie|innerHTML/);
  });
});
