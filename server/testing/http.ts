import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { checkAnswer } from './conformance.ts';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely.
  body: any;
  headers: Headers;
}

/**
 * HTTP with node:http, not the global fetch: a suite running under a DOM
 * environment (happy-dom) has a browser-like fetch there that applies CORS
 * from a fake page origin. Only loopback URLs are called. Every answer is
 * checked against the server's OpenAPI document (./conformance.ts): one that
 * differs fails the request, so the test that got it fails.
 */
export function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        const answer = { status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') };
        try {
          checkAnswer({ method: init.method ?? 'GET', url, ...answer, contentType: headers.get('content-type') });
        } catch (error) {
          reject(error as Error);
          return;
        }
        resolve(answer);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Calls a command the way the extension does: bearer token, and an Idempotency-Key on every call (reads ignore it). */
export async function callCommand(
  baseUrl: string,
  name: string,
  input: unknown,
  options: { token?: string; key?: string | null; origin?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
  if (options.origin) headers.origin = options.origin;
  const response = await httpRequest(`${baseUrl}/api/commands/${name}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
  });
  return { status: response.status, body: JSON.parse(response.text), headers: response.headers };
}
