import { checkAnswer, isDocumented } from './conformance.ts';

const CHECKED = Symbol.for('marketo-access.openapi-checked-fetch');
type Checked = typeof fetch & { [CHECKED]?: true };

/**
 * The server tests' setup: the global fetch checks every answer of a route
 * the OpenAPI document lists against it, as server/testing/http.ts does, so
 * the tests that call the server with fetch check it too. An event stream's
 * body is not read (only its status and content type are checked).
 */
if (!(globalThis.fetch as Checked)[CHECKED]) {
  const original = globalThis.fetch;
  const checked: Checked = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (!isDocumented(method, url)) return response;
    const contentType = response.headers.get('content-type');
    const streamed = contentType?.startsWith('text/event-stream') ?? false;
    // A body cut off (a killed server) is the test's to see, from its own read.
    const text = streamed
      ? undefined
      : await response
          .clone()
          .text()
          .catch(() => null);
    if (text !== null) checkAnswer({ method, url, status: response.status, contentType, text });
    return response;
  };
  checked[CHECKED] = true;
  globalThis.fetch = checked;
}
