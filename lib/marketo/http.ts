import { MarketoError, networkError, timeoutError } from './errors.ts';

/** The part of `fetch` the client uses; tests and the worker may inject their own. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A response read to the end: status plus the body parsed as JSON when it is JSON. */
export interface JsonResponse {
  status: number;
  /** `undefined` when the body was empty or not JSON (see `bodyProblem`). */
  body: unknown;
  bodyProblem?: 'empty' | 'not-json';
  retryAfterMs?: number;
}

export interface GetJsonOptions {
  headers?: Record<string, string>;
  /** Sent as a POST form body instead of a GET: how credentials travel, never in a URL. */
  form?: URLSearchParams;
  timeoutMs: number;
  /** For messages: the host a person recognises, never the full URL (it may hold the secret). */
  host: string;
}

// A global fetch called as a method of another object throws "Illegal
// invocation" in browsers, so the default is wrapped rather than stored.
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

/**
 * GET a URL (or POST a form to it) and read the whole body under one deadline. The AbortController
 * covers the body too: a server that sends headers and then stalls still times
 * out. Fetch's own errors are not passed on: their text can hold the URL.
 */
export async function getJson(fetchFn: FetchLike, url: string, options: GetJsonOptions): Promise<JsonResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await fetchFn(url, {
      method: options.form ? 'POST' : 'GET',
      headers: {
        Accept: 'application/json',
        ...(options.form && { 'Content-Type': 'application/x-www-form-urlencoded' }),
        ...options.headers,
      },
      ...(options.form && { body: options.form.toString() }),
      signal: controller.signal,
      // Tokens must not land in the HTTP cache; Marketo needs no cookies.
      cache: 'no-store',
      credentials: 'omit',
    });
    const text = await response.text();
    const result: JsonResponse = { status: response.status, body: undefined };
    const wait = retryAfterMs(response.headers);
    if (wait !== undefined) result.retryAfterMs = wait;
    if (text.trim() === '') {
      result.bodyProblem = 'empty';
    } else {
      try {
        result.body = JSON.parse(text) as unknown;
      } catch {
        result.bodyProblem = 'not-json';
      }
    }
    return result;
  } catch (e) {
    if (e instanceof MarketoError) throw e;
    if (timedOut) throw timeoutError(options.host, options.timeoutMs);
    throw networkError(options.host);
  } finally {
    clearTimeout(timer);
  }
}
