// @vitest-environment node
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseShape, readRestResponse, readUserManagementResponse, type ReadContext } from './envelope.ts';
import { MarketoError } from './errors.ts';
import type { JsonResponse } from './http.ts';

const rest: ReadContext = { api: 'rest', host: 'h.mktorest.com', secrets: ['the-secret-value'] };
const um: ReadContext = { ...rest, api: 'user-management' };

const ok = (body: unknown, status = 200): JsonResponse => ({ status, body });
const raw = (status: number, bodyProblem: 'empty' | 'not-json'): JsonResponse => ({
  status,
  body: undefined,
  bodyProblem,
});

function failure(read: () => unknown): MarketoError {
  try {
    read();
  } catch (e) {
    if (e instanceof MarketoError) return e;
    throw new Error(`expected a MarketoError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a failure');
}

describe('readRestResponse', () => {
  it('returns the page of a successful envelope', () => {
    const page = readRestResponse(
      ok({
        requestId: 'e42b#1',
        success: true,
        result: [{ id: 1 }],
        moreResult: true,
        nextPageToken: 'NXT',
        warnings: ['w'],
      }),
      rest,
    );
    expect(page).toEqual({
      requestId: 'e42b#1',
      result: [{ id: 1 }],
      moreResult: true,
      nextPageToken: 'NXT',
      warnings: ['w'],
    });
  });

  it('defaults the optional parts', () => {
    expect(readRestResponse(ok({ requestId: 'x', success: true }), rest)).toEqual({
      requestId: 'x',
      result: [],
      warnings: [],
      moreResult: false,
    });
  });

  it.each([
    [{ requestId: 'r1', success: false, errors: [{ code: '606', message: 'Max rate limit' }] }, '606'],
    [{ requestId: 'r1', success: false, errors: [{ code: 603, message: 'Access denied' }] }, '603'],
    [{ success: false, errors: [{ code: '602' }, { code: '601' }] }, '602'],
  ])('turns %j into its first code', (body, code) => {
    const error = failure(() => readRestResponse(ok(body), rest));
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(200);
  });

  it('keeps the request id of a failure', () => {
    expect(
      failure(() => readRestResponse(ok({ requestId: 'r9', success: false, errors: [{ code: '611' }] }), rest))
        .requestId,
    ).toBe('r9');
  });

  it.each([
    ['JSON null', ok(null)],
    ['an array', ok([1, 2])],
    ['a string', ok('hello')],
    ['no success flag', ok({ result: [] })],
    ['success as a string', ok({ success: 'true', result: [] })],
    ['result not a list', ok({ success: true, result: 'x' })],
    ['failure without errors', ok({ success: false })],
    ['failure with empty errors', ok({ success: false, errors: [] })],
    ['errors without codes', ok({ success: false, errors: [{ message: 'x' }] })],
    ['non-JSON body', raw(200, 'not-json')],
    ['empty body', raw(200, 'empty')],
  ])('%s is a bad-response, never a TypeError', (_label, response) => {
    expect(failure(() => readRestResponse(response, rest)).code).toBe('bad-response');
  });

  it.each([
    [raw(502, 'not-json'), 'http-5xx'],
    [raw(429, 'empty'), 'http-429'],
    [raw(404, 'not-json'), 'http-status'],
    [raw(414, 'empty'), 'http-status'],
    [ok({ success: false, errors: [{ code: '608' }] }, 503), '608'],
  ])('HTTP errors: %j → %s', (response, code) => {
    expect(failure(() => readRestResponse(response, rest)).code).toBe(code);
  });
});

describe('readUserManagementResponse', () => {
  it('returns the bare body on 200', () => {
    expect(readUserManagementResponse(ok([{ id: 1, name: 'Default' }]), um)).toEqual([{ id: 1, name: 'Default' }]);
  });

  it.each([
    [ok({ errors: [{ code: '603', message: 'Access denied' }] }, 403), '603'],
    [ok({ requestId: 'r', errors: [{ code: '606' }] }, 429), '606'],
    // The token check in front of the API may answer in the REST style.
    [ok({ requestId: 'r', success: false, errors: [{ code: '601', message: 'Access token invalid' }] }), '601'],
    [raw(401, 'empty'), '601'],
    [raw(403, 'not-json'), '603'],
    [raw(500, 'not-json'), 'http-5xx'],
    [raw(429, 'empty'), 'http-429'],
    [raw(404, 'not-json'), 'http-status'],
    [raw(200, 'not-json'), 'bad-response'],
    [raw(200, 'empty'), 'bad-response'],
    [ok({ success: false }), 'bad-response'],
  ])('%j → %s', (response, code) => {
    expect(failure(() => readUserManagementResponse(response, um)).code).toBe(code);
  });

  it('gives the User Management permission message for 603', () => {
    expect(failure(() => readUserManagementResponse(raw(403, 'empty'), um)).message).toContain(
      'Access User Management Api',
    );
  });
});

describe('parseShape', () => {
  const schema = v.array(v.object({ id: v.number() }));
  it('returns valid data and turns anything else into bad-response', () => {
    expect(parseShape(schema, [{ id: 1 }], 'list', rest)).toEqual([{ id: 1 }]);
    const error = failure(() => parseShape(schema, [{ id: '1' }], 'workspace list', rest));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('workspace list');
  });
});
