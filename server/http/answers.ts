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

/**
 * Sets a header on the answer a handler already made, in place. Hono's
 * `c.header()` at that point copies the whole answer for each header (and
 * @hono/node-server then sends its body as a stream instead of one string):
 * that was most of what a status read cost beyond its query. An answer whose
 * headers cannot change (a `fetch` answer passed on) is copied as before.
 */
export function setOnAnswer(c: Context, name: string, value: string, append = false) {
  try {
    if (append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, append ? { append: true } : undefined);
  }
}

export const refuse = (c: Context, wire: WireProblem) => {
  const refusal: v.InferInput<typeof REFUSAL> = { ok: false, error: wire };
  return c.json(refusal, statusOf(wire.code));
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
