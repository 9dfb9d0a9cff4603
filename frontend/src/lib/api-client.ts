// The one way the SPA talks to the ticketsvc API: same-origin JSON over fetch, with the
// session cookie. Every failure becomes an ApiError carrying the contract's {message, errors}
// body. The client also holds the session's CSRF token and sends it on every request that
// changes something, and it reports a 401 that means "your session ended" to whoever listens.

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    message: string,
    fieldErrors: FieldErrors = {},
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type QueryValue = string | number | readonly string[] | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 here is an answer about the credentials this very request carries (the sign-in
   * attempt, the "who am I" probe, a customer's ticket key), not news that the session ended.
   */
  expectUnauthorized?: boolean;
  /** 'omit' sends no cookie: a customer's request must never ride on an agent's session. */
  credentials?: RequestCredentials;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;

/** Set from the sign-in and "who am I" answers; cleared when the session ends. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Called when a request the session should have allowed gets 401: the session ended elsewhere. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** Builds `?a=1&status=open&status=closed`; arrays repeat the parameter, empties are dropped. */
export function toSearchParams(query: Record<string, QueryValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, item);
    } else {
      params.append(name, String(value));
    }
  }
  return params;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiResponse<T>(path, options)).data;
}

/** apiRequest's answer with the response's headers, for a caller that reads one (e.g. `Date`). */
export async function apiResponse<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; headers: Headers }> {
  const { method = 'GET', query, body, headers, signal, expectUnauthorized = false, credentials = 'same-origin' } = options;
  const search = query ? toSearchParams(query).toString() : '';
  const url = `/api${path}${search ? `?${search}` : ''}`;
  // Only a request that carries the session cookie needs the CSRF token.
  const csrfHeader: Record<string, string> =
    csrfToken !== null && !SAFE_METHODS.has(method) && credentials !== 'omit' ? { 'X-CSRF-Token': csrfToken } : {};

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal,
      credentials,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...csrfHeader,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.');
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response, payload);
    if (error.status === 401 && !expectUnauthorized) {
      csrfToken = null;
      sessionEndedListeners.forEach((notify) => notify());
    }
    throw error;
  }
  return { data: payload as T, headers: response.headers };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const body = (payload ?? {}) as { message?: unknown; errors?: unknown };
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  if (response.status === 429) {
    const wait = retryAfterSeconds ? `${retryAfterSeconds} seconds` : 'a moment';
    return new ApiError(429, `Too many requests. Please wait ${wait} and try again.`, {}, retryAfterSeconds);
  }
  const message =
    typeof body.message === 'string' && body.message
      ? body.message
      : `The server answered ${response.status} ${response.statusText}`.trim();
  const fieldErrors = isFieldErrors(body.errors) ? body.errors : {};
  return new ApiError(response.status, message, fieldErrors, retryAfterSeconds);
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((messages) => Array.isArray(messages))
  );
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
