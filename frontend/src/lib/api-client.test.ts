import { describe, expect, it, vi } from 'vitest';
import { stubApi } from '../test/fake-api';
import { ApiError, apiRequest, onSessionEnded, setCsrfToken, toSearchParams } from './api-client';

describe('apiRequest', () => {
  it('sends JSON to /api and returns the parsed reply', async () => {
    const calls = stubApi(() => ({ status: 201, body: { id: 1 } }));
    await expect(apiRequest('/tickets/', { method: 'POST', body: { title: 'x' } })).resolves.toEqual({ id: 1 });
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/tickets/', body: { title: 'x' } });
    expect(calls[0].headers.get('Content-Type')).toBe('application/json');
  });

  it('turns the contract error body into an ApiError with field messages', async () => {
    stubApi(() => ({ status: 400, body: { message: 'Invalid input.', errors: { title: ['Too long.'] } } }));
    const error = await apiRequest('/tickets/').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: 'Invalid input.', fieldErrors: { title: ['Too long.'] } });
  });

  it('explains a rate limit with the wait the server asked for', async () => {
    stubApi(() => ({ status: 429, body: { message: '30 per 1 minute' }, headers: { 'Retry-After': '12' } }));
    await expect(apiRequest('/tickets/classify/')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 12,
      message: 'Too many requests. Please wait 12 seconds and try again.',
    });
  });

  it('copes with a reply that is not JSON (a proxy error page)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(apiRequest('/tickets/')).rejects.toMatchObject({ status: 502, message: 'The server answered 502 Bad Gateway' });
  });

  it('reports an unreachable server in words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('/tickets/')).rejects.toMatchObject({ status: 0, message: expect.stringContaining('Cannot reach the server') });
  });
});

describe('the session', () => {
  it('sends the CSRF token itself on POST, PATCH and DELETE, and not on GET', async () => {
    const calls = stubApi(() => ({ status: 200, body: {} }));
    setCsrfToken('csrf-123');
    await apiRequest('/tickets/');
    await apiRequest('/tickets/', { method: 'POST', body: {} });
    await apiRequest('/tickets/1/', { method: 'PATCH', body: {} });
    await apiRequest('/auth/tokens/1/', { method: 'DELETE' });
    expect(calls.map((call) => [call.method, call.headers.get('X-CSRF-Token')])).toEqual([
      ['GET', null],
      ['POST', 'csrf-123'],
      ['PATCH', 'csrf-123'],
      ['DELETE', 'csrf-123'],
    ]);
    expect(calls.every((call) => call.credentials === 'same-origin')).toBe(true);
  });

  it('sends neither cookie nor CSRF token on a request made with credentials omitted', async () => {
    const calls = stubApi(() => ({ status: 201, body: {} }));
    setCsrfToken('csrf-123');
    await apiRequest('/tickets/1/comments/', { method: 'POST', body: {}, credentials: 'omit' });
    expect(calls[0].credentials).toBe('omit');
    expect(calls[0].headers.has('X-CSRF-Token')).toBe(false);
  });

  it('reports a 401 as the end of the session, and forgets the CSRF token', async () => {
    const calls = stubApi((call) => (call.method === 'GET' ? { status: 401, body: { message: 'Authentication required.' } } : {}));
    const ended = vi.fn();
    const stopListening = onSessionEnded(ended);
    setCsrfToken('csrf-123');
    await expect(apiRequest('/tickets/')).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
    await apiRequest('/tickets/', { method: 'POST', body: {} });
    expect(calls[1].headers.has('X-CSRF-Token')).toBe(false);
    stopListening();
  });

  it('does not report a 401 the caller expects (sign-in attempt, who-am-I probe, ticket key)', async () => {
    stubApi(() => ({ status: 401, body: { message: 'Invalid email or password.' } }));
    const ended = vi.fn();
    const stopListening = onSessionEnded(ended);
    await expect(apiRequest('/auth/login/', { method: 'POST', body: {}, expectUnauthorized: true })).rejects.toMatchObject({
      status: 401,
      message: 'Invalid email or password.',
    });
    expect(ended).not.toHaveBeenCalled();
    stopListening();
  });
});

describe('toSearchParams', () => {
  it('repeats array parameters and drops empty ones', () => {
    expect(toSearchParams({ status: ['open', 'closed'], search: '', page: 2, category: undefined }).toString()).toBe(
      'status=open&status=closed&page=2',
    );
  });
});
