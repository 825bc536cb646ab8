import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import type { ProblemCode } from '../../lib/domain/problems.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { orgView, problem } from '../../lib/features/answers.ts';

/** A refusal as the server answers it: a code of the domain's union, so the extension can read every one. */
export type WireProblem = Problem;

export const DATABASE_DOWN: WireProblem = {
  code: 'server-unavailable',
  message: 'The team server cannot reach its database: nothing was changed. Try again in a moment.',
};
export const INTERNAL: WireProblem = {
  code: 'internal',
  message: 'The team server failed to answer: nothing was changed. Try again, or tell your admin.',
};

/** HTTP status for a refusal: the code decides, so the client can rely on either. */
export function statusOf(code: ProblemCode): ContentfulStatusCode {
  switch (code) {
    case 'bad-input':
    case 'activity-time-invalid':
    case 'activity-kind-unknown':
    case 'activity-cursor-invalid':
      return 400;
    case 'not-signed-in':
      return 401;
    case 'not-admin':
    case 'not-owner':
    case 'not-invited':
    case 'not-directory':
    case 'forbidden-origin':
      return 403;
    case 'unknown-command':
      return 404;
    case 'too-large':
      return 413;
    case 'too-many-requests':
      return 429;
    case 'server-unavailable':
    case 'shutting-down':
      return 503;
    case 'internal':
      return 500;
    default:
      return 409;
  }
}

/**
 * The envelopes every JSON answer of ours is in, with the shapes the
 * registry declares inside; the OpenAPI document (server/openapi/) is made
 * from these. A command's success: its value, the org's version it is from,
 * and after a write the caller's own view.
 */
export const commandSuccess = <A extends v.GenericSchema>(answer: A) =>
  v.object({
    ok: v.literal(true),
    value: answer,
    version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    view: v.optional(orgView),
  });
export const REFUSAL = v.object({ ok: v.literal(false), error: problem });

declare module 'hono' {
  interface ContextVariableMap {
    /** Headers every answer to this request carries (its id, CORS), noted before the handler runs. */
    answerHeaders: Record<string, string> | undefined;
  }
}

/** Notes a header for this request's answer, whichever way it is made (`jsonAnswer`, or `applyNotedHeaders` after). */
export function noteAnswerHeader(c: Context, name: string, value: string) {
  let noted = c.get('answerHeaders');
  if (!noted) c.set('answerHeaders', (noted = {}));
  noted[name] = value;
}

/** Answers made by `jsonAnswer`: they carry the noted headers already. */
const withNotedHeaders = new WeakSet<Response>();

/**
 * A JSON answer with the noted headers, as one plain object: @hono/node-server
 * then writes it without building a web `Headers` (hono's `c.json` with more
 * than its content type builds one, and setting a header on an answer made
 * builds another): on a status read, those cost about a tenth of its CPU.
 */
export function jsonAnswer(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  const answer = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...c.get('answerHeaders') },
  });
  withNotedHeaders.add(answer);
  return answer;
}

/**
 * After the handler: an answer made another way (hono's `c.json` in a route,
 * better-auth's own Response) gets the noted headers set on it, in place
 * (`c.header()` at that point would copy the whole answer for each header).
 * `Vary` is added to, never replaced. An answer whose headers cannot change
 * (a `fetch` answer passed on) is copied as before.
 */
export function applyNotedHeaders(c: Context) {
  const noted = c.get('answerHeaders');
  if (!noted || withNotedHeaders.has(c.res)) return;
  for (const [name, value] of Object.entries(noted)) {
    const append = name.toLowerCase() === 'vary';
    try {
      if (append) c.res.headers.append(name, value);
      else c.res.headers.set(name, value);
    } catch {
      c.header(name, value, append ? { append: true } : undefined);
    }
  }
}

export const refuse = (c: Context, wire: WireProblem) => {
  const refusal: v.InferInput<typeof REFUSAL> = { ok: false, error: wire };
  return jsonAnswer(c, refusal, statusOf(wire.code));
};

/** Errors that mean the database could not be reached (refused, dropped, shutting down), not a bug. */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
      '53300',
    ].includes(e.code ?? '')
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(e.message ?? '');
}
