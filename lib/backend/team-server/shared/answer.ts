import * as v from 'valibot';
import type { ProblemCode } from '../../../domain/problems.ts';
import { fail, ok, type Result } from '../../../domain/result.ts';

/** The server's envelope: `{ ok: true, value }` or `{ ok: false, error: { code, message, field? } }`. */
const Envelope = v.variant('ok', [
  v.object({ ok: v.literal(true), value: v.unknown() }),
  v.object({
    ok: v.literal(false),
    error: v.object({
      code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,60}$/)),
      message: v.pipe(v.string(), v.maxLength(2000)),
      field: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  }),
]);

export const UNREACHABLE = 'The team server cannot be reached: nothing was changed.';
const UNAVAILABLE =
  'The team server is up but cannot work right now (its database is down): nothing was changed. Try again in a minute.';
const NOT_UNDERSTOOD =
  'The team server’s answer was not understood: reload the page to see the org as it is now; if this goes on, update the extension or ask your IT admin to check the server.';

export const unreachable = <T>(): Result<T> => fail('server-unreachable', UNREACHABLE);

/**
 * Turns an HTTP answer into a Result, trusting nothing it has not checked:
 * the envelope's shape, then the value against the command's result schema.
 * A server refusal keeps the server's code, message and field, except where
 * the status says more than the code (503 database down, 413, 500).
 */
export function readAnswer<T>(status: number, body: unknown, result: v.GenericSchema<unknown, T>): Result<T> {
  const envelope = v.safeParse(Envelope, body);
  if (!envelope.success) return byStatus(status);
  const answer = envelope.output;
  if (answer.ok) {
    if (status < 200 || status > 299) return fail('server-error', NOT_UNDERSTOOD);
    const value = v.safeParse(result, answer.value);
    return value.success ? ok(value.output) : fail('bad-response', NOT_UNDERSTOOD);
  }
  const { code, message, field } = answer.error;
  if (status === 503) return fail('server-unavailable', message || UNAVAILABLE);
  if (status === 413) return fail('too-large', message, field);
  if (status >= 500) return fail('server-error', message);
  // The server dispatches from the same registry, so its codes are ours; one we do not know keeps its message.
  return fail(code as ProblemCode, message, field);
}

/** An answer that is not our envelope (a proxy's error page, an empty body). */
function byStatus<T>(status: number): Result<T> {
  if (status === 401) return fail('not-signed-in', 'Your session on the team server has ended: sign in again.');
  if (status === 503) return fail('server-unavailable', UNAVAILABLE);
  if (status === 413)
    return fail(
      'too-large',
      'That is too much for the team server at once: nothing was changed. Send fewer rows or members.',
    );
  if (status >= 500)
    return fail(
      'server-error',
      `The team server failed (HTTP ${status}): reload the page to see whether anything changed, then try again.`,
    );
  return fail('bad-response', NOT_UNDERSTOOD);
}
