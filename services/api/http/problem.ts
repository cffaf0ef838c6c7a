import type { Problem } from '@wijksignaal/contracts/http';

/** One invalid query or path parameter, as NLGov's problem details extension lists them. */
export interface InvalidParam {
  name: string;
  reason: string;
}

export interface ApiProblem extends Problem {
  invalidParams?: InvalidParam[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown by routes; the app's error handler turns it into an `application/problem+json` response. */
export class ProblemError extends Error {
  readonly problem: ApiProblem;
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, extra: Partial<ApiProblem> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
    this.headers = headers;
  }
}

export function problemResponse(problem: ApiProblem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

export function problem(status: number, detail: string, extra: Partial<ApiProblem> = {}): ApiProblem {
  return new ProblemError(status, detail, extra).problem;
}
