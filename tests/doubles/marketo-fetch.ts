import type { FetchLike } from '../../lib/marketo/http.ts';

/**
 * A scripted stand-in for `fetch`, for unit tests that need exact control of
 * every response (the sandbox covers the real HTTP path). Identity and API
 * requests are answered by separate scripts and recorded.
 */

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  /** A form body, as sent. */
  body?: string;
}

/** A response, a failure of the network itself, or a request that hangs until aborted. */
export type Step = Response | 'network-error' | 'hang' | ((request: RecordedRequest) => Response);

export interface FakeFetch {
  fetch: FetchLike;
  identityCalls: RecordedRequest[];
  apiCalls: RecordedRequest[];
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers });

export const tokenResponse = (accessToken: string, expiresIn = 3600): Response =>
  json(200, { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: 'api@example.com' });

export const restError = (code: string, message = 'error'): Response =>
  json(200, { requestId: 'a1#b2', success: false, errors: [{ code, message }] });

export const restOk = (result: unknown[]): Response => json(200, { requestId: 'a1#b2', success: true, result });

/** A script that repeats its last step once it runs out. */
function player(
  steps: readonly Step[],
): (request: RecordedRequest, signal: AbortSignal | null | undefined) => Promise<Response> {
  let index = 0;
  return async (request, signal) => {
    const step = steps[Math.min(index, steps.length - 1)];
    index += 1;
    if (step === undefined) throw new Error('fake fetch: empty script');
    if (step === 'network-error') {
      // Real fetch errors can carry the URL, and the token URL holds the secret.
      throw new TypeError(`fetch failed: ${request.url.href}`);
    }
    if (step === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    }
    // Each Response body can be read once: clone so a repeated last step works.
    return typeof step === 'function' ? step(request) : step.clone();
  };
}

let tokenCounter = 0;

/** Default identity script: a new token every time (`tok-1`, `tok-2`, …). */
export const freshTokens: Step = () => tokenResponse(`tok-${++tokenCounter}`);

export function fakeFetch(script: { identity?: readonly Step[]; api: readonly Step[] }): FakeFetch {
  tokenCounter = 0;
  const identity = player(script.identity ?? [freshTokens]);
  const api = player(script.api);
  const identityCalls: RecordedRequest[] = [];
  const apiCalls: RecordedRequest[] = [];
  const fetch: FetchLike = (input, init) => {
    const request: RecordedRequest = {
      url: new URL(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      ...(typeof init.body === 'string' && { body: init.body }),
    };
    const isIdentity = request.url.pathname.endsWith('/oauth/token');
    (isIdentity ? identityCalls : apiCalls).push(request);
    return (isIdentity ? identity : api)(request, init.signal);
  };
  return { fetch, identityCalls, apiCalls };
}
