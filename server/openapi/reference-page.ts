import { html } from 'hono/html';
import type { OpenApiDocument } from './document.ts';

const METHODS = ['get', 'post'] as const;

const schemaOf = (content: unknown): unknown =>
  (content as Record<string, { schema?: unknown }> | undefined)?.['application/json']?.schema;

/**
 * GET /api/docs: the document as one static page, made on the server. No
 * script and nothing fetched (its CSP forbids both); every text from the
 * document goes through hono's `html`, which escapes it.
 */
export function referencePage(document: OpenApiDocument): string {
  const components = document.components as {
    schemas: Record<string, unknown>;
    responses: Record<string, { description?: string }>;
  };
  // A shared refusal: the codes it stands for, and a link to its shape below.
  const refusal = (ref: string) => {
    const name = ref.split('/').at(-1)!;
    return html`${String(components.responses[name]?.description ?? '')} <a href="#${name}">(shape)</a>`;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const body = schemaOf((operation.requestBody as { content?: unknown } | undefined)?.content);
      const headers = ((operation.parameters as { name: string; required?: boolean }[] | undefined) ?? []).map(
        (p) => `${p.name}${p.required ? ' (required)' : ''}`,
      );
      const signIn = (operation.security as object[] | undefined)?.some((s) => 'bearer' in s);
      return [
        html`<section>
          <h2 id="${String(operation.operationId ?? path)}"><code>${method.toUpperCase()} ${path}</code></h2>
          <p>${String(operation.summary ?? '')}</p>
          ${operation.description ? html`<p>${String(operation.description)}</p>` : ''}
          <p>
            Bearer:
            ${signIn ? ((operation.security as object[]).length > 1 ? 'optional' : 'required') : 'none'}${
              headers.length ? html`; headers: ${headers.join(', ')}` : ''
            }
          </p>
          ${
            body
              ? html`<details>
                  <summary>Request body</summary>
                  <pre>${JSON.stringify(body, null, 2)}</pre>
                </details>`
              : ''
          }
          <dl>
            ${Object.entries(operation.responses).map(
              ([status, response]) =>
                html`<dt>${status}</dt>
                  <dd>${response.$ref ? refusal(String(response.$ref)) : String(response.description ?? '')}</dd>`,
            )}
          </dl>
          ${Object.entries(operation.responses).map(([status, response]) => {
            const schema = schemaOf(response.content);
            return schema
              ? html`<details>
                  <summary>${status} answer</summary>
                  <pre>${JSON.stringify(schema, null, 2)}</pre>
                </details>`
              : '';
          })}
        </section>`,
      ];
    }),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${String(document.info.title)}: HTTP API</title>
        <style>
          body {
            font:
              15px system-ui,
              sans-serif;
            max-width: 60rem;
            margin: 2rem auto;
            padding: 0 1rem;
          }
          pre {
            background: #f4f4f4;
            padding: 0.5rem;
            overflow: auto;
          }
          section {
            border-top: 1px solid #ccc;
            margin-top: 1.5rem;
          }
          dl {
            display: grid;
            grid-template-columns: auto 1fr;
            gap: 0.2rem 1rem;
          }
          dt {
            font-weight: bold;
          }
        </style>
      </head>
      <body>
        <h1>${String(document.info.title)}: HTTP API</h1>
        <p>${String(document.info.description)}</p>
        <p>The same as JSON (OpenAPI ${document.openapi}): <a href="/api/openapi.json">/api/openapi.json</a>.</p>
        <main>${operations}</main>
        <h2>Shapes</h2>
        ${Object.entries(components.schemas).map(
          ([name, schema]) =>
            html`<section id="${name}">
              <h3>${name}</h3>
              <pre>${JSON.stringify(schema, null, 2)}</pre>
            </section>`,
        )}
      </body>
    </html>`.toString();
}
