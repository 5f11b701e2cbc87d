import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, errorFromResponse, parseRetryAfter, request, setCsrfToken } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('20', now)).toBe(20);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('errorFromResponse', () => {
  it('reads the console and OpenAI error shapes and retry-after', async () => {
    const error = await errorFromResponse(
      new Response('{"error":{"message":"Budget exceeded","code":"budget_exceeded"}}', {
        status: 429,
        headers: { 'retry-after': '30' },
      }),
    );
    expect(error).toMatchObject({ status: 429, code: 'budget_exceeded', retryAfterSeconds: 30 });
    const openai = await errorFromResponse(
      new Response('{"error":{"message":"m","type":"invalid_request_error"}}', { status: 400 }),
    );
    expect(openai.code).toBe('invalid_request_error');
  });

  it('copes with a body that is not JSON', async () => {
    const error = await errorFromResponse(
      new Response('<html>bad gateway</html>', { status: 502 }),
    );
    expect(error.status).toBe(502);
    expect(error.message).not.toContain('<html>');
  });
});

describe('request', () => {
  it('sends the CSRF token on every method but GET and HEAD, same-origin', async () => {
    const calls: { method: string; headers: Record<string, string>; credentials: string }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push({
        method: init.method!,
        headers: init.headers as Record<string, string>,
        credentials: init.credentials!,
      });
      return new Response('{}', { status: 200 });
    });
    setCsrfToken('tok');
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])
      await request(method, '/console/x');
    expect(calls.map((c) => [c.method, c.headers['X-CSRF-Token'] ?? null])).toEqual([
      ['GET', null],
      ['POST', 'tok'],
      ['PATCH', 'tok'],
      ['PUT', 'tok'],
      ['DELETE', 'tok'],
    ]);
    expect(calls.every((c) => c.credentials === 'same-origin')).toBe(true);
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('GET', '/x')).rejects.toMatchObject({ status: 0, code: 'network' });
    await expect(request('GET', '/x')).rejects.toBeInstanceOf(ApiError);
  });
});
