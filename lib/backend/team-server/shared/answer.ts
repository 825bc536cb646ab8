import * as v from 'valibot';
import { isProblemCode } from '../../../domain/problems.ts';
import { fail, MAX_PROBLEM_MESSAGE_LENGTH, ok, type Result } from '../../../domain/result.ts';
import { orgView } from '../../../features/answers.ts';
import type { OrgView } from '../../../features/session/view.ts';

/**
 * The server's envelope: `{ ok: true, value, version?, view? }` or
 * `{ ok: false, error: { code, message, field? } }`. `version` is the org's
 * version the answer is from; `view`, after a write, the caller's own view.
 */
const Envelope = v.variant('ok', [
  v.object({
    ok: v.literal(true),
    value: v.unknown(),
    version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    view: v.optional(v.unknown()),
  }),
  v.object({
    ok: v.literal(false),
    error: v.object({
      code: v.pipe(v.string(), v.maxLength(60)),
      message: v.pipe(v.string(), v.maxLength(MAX_PROBLEM_MESSAGE_LENGTH)),
      field: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  }),
]);

/** A command's answer as the browser takes it: the result, and what else the server said. */
export interface Answer<T> {
  result: Result<T>;
  version?: number;
  view?: OrgView;
}

export const UNREACHABLE = 'The team server cannot be reached: nothing was changed.';
const UNAVAILABLE =
  'The team server is up but cannot work right now (its database is down): nothing was changed. Try again in a minute.';
const NOT_UNDERSTOOD =
  'The team server’s answer was not understood: reload the page to see the org as it is now; if this goes on, update the extension or ask your IT admin to check the server.';

export const unreachable = <T>(): Result<T> => fail('server-unreachable', UNREACHABLE);
const unexpected = <T>(): Result<T> => fail('server-answer-unexpected', NOT_UNDERSTOOD);

/**
 * Turns an HTTP answer into a Result, trusting nothing it has not checked:
 * the envelope's shape, then the value against the command's answer schema,
 * and a refusal's code against the domain's list of problems. A server
 * refusal keeps the server's code, message and field, except where the
 * status says more than the code (503 database down, 413, 500).
 */
export function readAnswer<T>(status: number, body: unknown, answer: v.GenericSchema<unknown, T>): Answer<T> {
  const envelope = v.safeParse(Envelope, body);
  if (!envelope.success) return { result: byStatus(status) };
  const reply = envelope.output;
  if (reply.ok) {
    if (status < 200 || status > 299) return { result: unexpected() };
    const value = v.safeParse(answer, reply.value);
    if (!value.success) return { result: unexpected() };
    // A view that does not parse is left out: the value stands, and the browser reads the view again.
    const view = reply.view === undefined ? undefined : v.safeParse(orgView, reply.view);
    return {
      result: ok(value.output),
      ...(reply.version !== undefined && { version: reply.version }),
      ...(view?.success && { view: view.output }),
    };
  }
  const { code, message, field } = reply.error;
  if (status === 503) return { result: fail('server-unavailable', message || UNAVAILABLE) };
  if (status === 413) return { result: fail('too-large', message, field) };
  if (status >= 500) return { result: fail('server-error', message) };
  // The server dispatches from the same registry, so its codes are ours; one we do not know is not trusted.
  if (!isProblemCode(code)) return { result: unexpected() };
  return { result: fail(code, message, field) };
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
  return unexpected();
}
