/**
 * A failed API call. Problem+json responses (RFC 9457) carry a `detail` written for people; the
 * dashboard shows it as is. `status` 0 means the server was not reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  /** The server's explanation, or null when it gave none (network failure, non-JSON body). */
  readonly detail: string | null;

  constructor(status: number, title: string, detail: string | null) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

interface ProblemLike {
  title?: unknown;
  detail?: unknown;
}

/** Turns a non-OK response into an ApiError, keeping the server's own explanation when it has one. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | null = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = (await response.json()) as ProblemLike;
      if (typeof body.title === 'string' && body.title) title = body.title;
      if (typeof body.detail === 'string' && body.detail) detail = body.detail;
    } catch {
      // A broken error body must not hide the status; the status alone is still shown.
    }
  }
  return new ApiError(response.status, title, detail);
}
