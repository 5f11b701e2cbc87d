// Every call to keygate goes through here: same-origin cookies, the CSRF token on every
// non-GET request, and errors turned into ApiError (never raw JSON shown to a person).

let csrfToken: string | null = null;

/** Kept in memory only: a reload asks GET /console/session for it again. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(method: string): Record<string, string> {
  const safe = method === 'GET' || method === 'HEAD';
  return !safe && csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads `{"error": {"message", "code"|"type"}}` (console and OpenAI shapes alike). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let code = '';
  let message = '';
  try {
    const body: unknown = await response.json();
    const error = (body as { error?: { message?: unknown; code?: unknown; type?: unknown } })
      ?.error;
    if (error && typeof error === 'object') {
      if (typeof error.message === 'string') message = error.message;
      if (typeof error.code === 'string') code = error.code;
      else if (typeof error.type === 'string') code = error.type;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone has to do.
  }
  return new ApiError(
    response.status,
    code,
    message || response.statusText || `HTTP ${response.status}`,
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { ...csrfHeaders(method) };
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (typeof body === 'string') {
      payload = body;
    } else {
      payload = JSON.stringify(body);
    }
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'keygate could not be reached.', null);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

export async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
