import * as v from 'valibot';
import { badResponseError, httpStatusError, marketoCodeError, type ErrorContext, type MarketoError } from './errors.ts';
import type { JsonResponse } from './http.ts';

/**
 * Reading Marketo's two response styles. Ordinary REST calls wrap everything
 * in an envelope and usually answer HTTP 200 even on error; the User
 * Management API has no envelope and no `success`, and signals errors by HTTP
 * status plus the same `errors` array. Whatever arrives, the outcome is data
 * or a MarketoError: never a TypeError from poking at an unexpected shape.
 */

export interface ReadContext extends ErrorContext {
  host: string;
}

// Marketo documents `code` as a quoted integer; accept a bare number too.
const ErrorItem = v.looseObject({
  code: v.union([v.string(), v.number()]),
  message: v.optional(v.unknown()),
});

const ErrorsArray = v.looseObject({ errors: v.pipe(v.array(ErrorItem), v.minLength(1)) });

const RestEnvelope = v.looseObject({
  requestId: v.optional(v.string()),
  success: v.boolean(),
  errors: v.optional(v.array(ErrorItem)),
  result: v.optional(v.array(v.unknown())),
  warnings: v.optional(v.array(v.unknown())),
  moreResult: v.optional(v.boolean()),
  nextPageToken: v.optional(v.string()),
});

/** A successful REST envelope, minus `success`. */
export interface RestPage {
  requestId?: string;
  result: unknown[];
  warnings: unknown[];
  moreResult: boolean;
  nextPageToken?: string;
}

function requestIdOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'requestId' in body && typeof body.requestId === 'string')
    return body.requestId;
  return undefined;
}

/** The first entry of a well-formed `errors` array as a MarketoError, if there is one. */
function errorFromErrorsArray(body: unknown, status: number, ctx: ReadContext): MarketoError | undefined {
  const parsed = v.safeParse(ErrorsArray, body);
  if (!parsed.success) return undefined;
  const first = parsed.output.errors[0];
  if (!first) return undefined;
  const withStatus: ErrorContext = { ...ctx, httpStatus: status };
  const requestId = requestIdOf(body);
  if (requestId !== undefined) withStatus.requestId = requestId;
  return marketoCodeError(String(first.code), first.message, withStatus);
}

function bodyProblemError(response: JsonResponse, ctx: ReadContext): MarketoError {
  const what = response.bodyProblem === 'empty' ? 'empty body' : 'body is not JSON';
  return badResponseError(ctx.host, what, response.status);
}

/** Reads a REST (`/rest/...`) response: the envelope's data, or throws. */
export function readRestResponse(response: JsonResponse, ctx: ReadContext): RestPage {
  const { status, body } = response;
  if (status !== 200) {
    throw errorFromErrorsArray(body, status, ctx) ?? httpStatusError(ctx.host, status, response.retryAfterMs);
  }
  if (response.bodyProblem) throw bodyProblemError(response, ctx);
  const parsed = v.safeParse(RestEnvelope, body);
  if (!parsed.success) throw badResponseError(ctx.host, 'no Marketo response envelope', status);
  const envelope = parsed.output;
  if (!envelope.success) {
    throw (
      errorFromErrorsArray(body, status, ctx) ?? badResponseError(ctx.host, 'failure without an error code', status)
    );
  }
  const page: RestPage = {
    result: envelope.result ?? [],
    warnings: envelope.warnings ?? [],
    moreResult: envelope.moreResult ?? false,
  };
  if (envelope.requestId !== undefined) page.requestId = envelope.requestId;
  if (envelope.nextPageToken !== undefined) page.nextPageToken = envelope.nextPageToken;
  return page;
}

/**
 * Reads a User Management API response: the raw body on success, or throws.
 * An `errors` array wins over the status (the token checks in front of this
 * API may answer in the REST style, HTTP 200 with `success: false`). A bare
 * 401 or 403 is read as 601 / 603, so a stale token is renewed and a missing
 * permission gets its actionable message.
 */
export function readUserManagementResponse(response: JsonResponse, ctx: ReadContext): unknown {
  const { status, body } = response;
  const fromErrors = errorFromErrorsArray(body, status, ctx);
  if (fromErrors) throw fromErrors;
  if (status === 401) throw marketoCodeError('601', undefined, { ...ctx, httpStatus: status });
  if (status === 403) throw marketoCodeError('603', undefined, { ...ctx, httpStatus: status });
  if (status !== 200) throw httpStatusError(ctx.host, status, response.retryAfterMs);
  if (response.bodyProblem) throw bodyProblemError(response, ctx);
  if (typeof body === 'object' && body !== null && 'success' in body && body.success === false) {
    throw badResponseError(ctx.host, 'failure without an error code', status);
  }
  return body;
}

/** Validates `value` against `schema`, or throws a bad-response error naming `what`. */
export function parseShape<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  what: string,
  ctx: ReadContext,
): v.InferOutput<TSchema> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw badResponseError(ctx.host, what);
  return parsed.output;
}
