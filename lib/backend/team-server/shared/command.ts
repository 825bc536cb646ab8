import type * as v from 'valibot';
import { readAnswer, unreachable, type Answer } from './answer.ts';
import { headers, send, type FetchLike } from './request.ts';

export interface CommandPost<T> {
  serverUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** The bearer session; undefined when signed out. */
  token: string | undefined;
  /** A write's idempotency key (a UUID); the same on its one retry. */
  key: string | undefined;
  /** The command's declared answer: what the value must look like. */
  answer: v.GenericSchema<unknown, T>;
}

/**
 * One command sent to the team server (`POST /api/commands/:name`) and its
 * answer checked. No answer at all is tried once more with the same key:
 * the server applies a write at most once per key. `sessionEnded` says the
 * server no longer knows the token (401), so the caller forgets it.
 */
export async function postCommand<T>(
  name: string,
  input: unknown,
  post: CommandPost<T>,
): Promise<Answer<T> & { sessionEnded: boolean }> {
  const init: RequestInit = {
    method: 'POST',
    headers: headers(post.token, post.key === undefined ? undefined : { 'Idempotency-Key': post.key }),
    body: JSON.stringify(input),
    credentials: 'omit',
  };
  const url = `${post.serverUrl}/api/commands/${name}`;
  const first = await send(post.fetch, url, init, post.timeoutMs);
  const sent = first === 'network' ? await send(post.fetch, url, init, post.timeoutMs) : first;
  if (sent === 'network') return { result: unreachable(), sessionEnded: false };
  return {
    ...readAnswer(sent.status, sent.body, post.answer),
    sessionEnded: sent.status === 401 && post.token !== undefined,
  };
}
