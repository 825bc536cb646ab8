import { Hono } from 'hono';
import { openApiDocument, OPENAPI_PATH, REFERENCE_PATH } from '../openapi/document.ts';
import { referencePage } from '../openapi/reference-page.ts';

const PAGE_HEADERS = {
  // No script, nothing fetched: the page is text the server made, escaped.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** Made on first request, once per process: the registry does not change while the process runs. */
let made: { json: string; page: string } | undefined;
const reference = () => {
  if (!made) {
    const document = openApiDocument();
    made = { json: JSON.stringify(document), page: referencePage(document) };
  }
  return made;
};

/**
 * GET /api/openapi.json and GET /api/docs: the HTTP API as OpenAPI 3.1 and as
 * a page. Public: it holds shapes, no data.
 */
export function openApiRoutes() {
  return new Hono()
    .get(OPENAPI_PATH, (c) =>
      c.body(reference().json, 200, {
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
      }),
    )
    .get(REFERENCE_PATH, (c) => c.html(reference().page, 200, PAGE_HEADERS));
}
