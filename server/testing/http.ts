import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** Calls a command the way the extension does: bearer token, and an Idempotency-Key on every call (reads ignore it). */
export async function callCommand(baseUrl: string, name: string, input: unknown, options: { token?: string; key?: string | null; origin?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
  if (options.origin) headers.origin = options.origin;
  const response = await fetch(`${baseUrl}/api/commands/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}
