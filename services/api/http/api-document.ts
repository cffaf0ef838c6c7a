import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../auth/api-env.ts';
import { API_VERSION } from './response-headers.ts';

export const API_DOCUMENT_PATH = '/openapi.json';

/** The document's fixed parts; paths and schemas come from the routes' zod definitions. */
export const API_DOCUMENT_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Wijksignaal API',
    version: API_VERSION,
    description:
      'Neighbourhood health signals per CBS wijk and ISO week: overview, trends, alarms, priorities and partner ' +
      'ingest. Counts are published for fixed periods only (an ISO week, a 4-week period, a quarter or an ISO ' +
      'year), perturbed by at most ±3, and withheld below k as `{ "suppressed": true, "display": "<k" }`. People ' +
      'authenticate with an OIDC bearer token, partner systems with an API key or a partner token.',
    contact: { name: 'Wijksignaal beheer', email: 'wijksignaal@ggd.example.nl', url: 'https://wijksignaal.example.nl' },
    license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
  },
  servers: [{ url: '/api/v1', description: 'This server' }],
  tags: [
    { name: 'Operations', description: 'Health, readiness and this document' },
    { name: 'Sign-in', description: 'Sign-in at the built-in local issuer of the demo' },
    { name: 'Areas', description: 'The wijken, their map and weekly series' },
    { name: 'Analytics', description: 'Overview, alarms, priorities and the funnel plot' },
    { name: 'Ingest', description: 'Partner delivery and its status' },
  ],
} as const;

/** Publishes the OpenAPI document of every route registered on `api` at /openapi.json (public). */
export function publishApiDocument(api: OpenAPIHono<ApiEnv>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OIDC access token of the configured issuer; its role claim decides what it may do.',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'A partner API key; it is scoped to one partner id.',
  });
  api.doc(API_DOCUMENT_PATH, {
    ...API_DOCUMENT_INFO,
    servers: [...API_DOCUMENT_INFO.servers],
    tags: [...API_DOCUMENT_INFO.tags],
  });
}
