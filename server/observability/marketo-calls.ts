import type { FetchLike } from '../../lib/marketo/http.ts';
import type { Metrics } from './metrics.ts';

const MARKETO_CODE = /^\d{3,4}$/;

/** Which Marketo API a URL is: a bounded label. */
function apiOf(url: string): 'identity' | 'user-management' | 'rest' {
  const path = URL.canParse(url) ? new URL(url).pathname : '';
  if (path.endsWith('/oauth/token')) return 'identity';
  if (path.includes('/userservice/')) return 'user-management';
  return 'rest';
}

/** The answer as one bounded word: the first Marketo error code when the body has one, else the HTTP status. */
async function outcomeOf(response: Response): Promise<string> {
  // A body cut short (the client's deadline) throws here, and the call counts as a timeout.
  const text = await response.clone().text();
  let code: unknown;
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown }[] } | null;
    code = body?.errors?.[0]?.code;
  } catch {
    // Not JSON: the status says it.
  }
  if ((typeof code === 'string' || typeof code === 'number') && MARKETO_CODE.test(String(code))) return String(code);
  if (response.status >= 200 && response.status < 300) return 'ok';
  return `http-${response.status >= 100 && response.status <= 599 ? response.status : 'other'}`;
}

/**
 * The fetch the server's Marketo client uses, counting each call by its
 * answer. It reads a copy of the body for the error code and keeps nothing
 * of it (the identity answer holds an access token).
 */
export function countedFetch(fetchImpl: FetchLike, calls: Metrics['marketoCalls']): FetchLike {
  return async (input, init) => {
    const api = apiOf(input);
    try {
      const response = await fetchImpl(input, init);
      calls.inc({ api, outcome: await outcomeOf(response) });
      return response;
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name;
      calls.inc({ api, outcome: name === 'AbortError' || name === 'TimeoutError' ? 'timeout' : 'network' });
      throw error;
    }
  };
}
