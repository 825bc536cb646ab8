/** The part of `fetch` the team server's client uses, in the worker and in pages; tests pass a fake server's. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

// A global fetch called as a method of another object throws "Illegal
// invocation" in browsers, so the default is wrapped rather than stored.
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** An answer read to the end, or the network's own failure (no answer at all). */
export type Sent = { status: number; body: unknown; headers: Headers } | 'network';

// JSON bodies only: nothing the server says is ever treated as markup.
async function bodyOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * One HTTP exchange with a time limit. A network failure and a timeout are
 * both 'network': no answer came, so the caller may retry with the same
 * idempotency key. Nothing here logs the URL, body or headers (the token).
 */
export async function send(fetch: FetchLike, url: string, init: RequestInit, timeoutMs: number): Promise<Sent> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, body: await bodyOf(response), headers: response.headers };
  } catch {
    return 'network';
  } finally {
    clearTimeout(timer);
  }
}

export function headers(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}
