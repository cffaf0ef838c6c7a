import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiEnv } from '../auth/api-env.ts';
import { API_DOCUMENT_PATH } from './api-document.ts';
import { apiDocsPage, type DocsDocument, type DocsPage } from './api-docs-page.ts';

export const API_DOCS_PATH = '/docs';

/**
 * GET /api/v1/docs (public): the interactive reference of the document `api` publishes. It is not an API
 * operation, so it is registered on the app and stays out of the OpenAPI document. The page is rendered
 * on the first request, when every route is registered, and kept: routes do not change while running.
 */
export function apiDocsHandler(api: OpenAPIHono<ApiEnv>): (c: Context) => Promise<Response> {
  let page: Promise<DocsPage> | null = null;
  const render = async () => {
    const res = await api.request(API_DOCUMENT_PATH);
    return apiDocsPage((await res.json()) as DocsDocument);
  };
  return async () => {
    page ??= render().catch((error: unknown) => {
      page = null;
      throw error;
    });
    const { html, csp } = await page;
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp },
    });
  };
}
