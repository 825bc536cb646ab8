import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail } from '../../lib/domain/result.ts';
import { marketoChecks } from '../services/marketo-check.ts';

describe('loopback Marketo endpoints', () => {
  const fields = {
    munchkinId: '123-ABC-456',
    clientId: 'id',
    clientSecret: 'secret',
    restBaseUrl: 'http://127.0.0.1:4010/rest',
    identityBaseUrl: 'http://127.0.0.1:4010/identity',
  };
  let calls = 0;
  const counting = (async () => {
    calls++;
    return new Response('{}', { status: 401 });
  }) as typeof fetch;
  beforeAll(() => void (calls = 0));
  afterAll(() => void (calls = 0));

  it('are refused by default, without a request', async () => {
    const check = marketoChecks({ allowLoopback: false, fetch: counting })('org');
    expect(await check(fields)).toEqual(
      fail('restBaseUrl-not-marketo', expect.any(String) as unknown as string, 'restBaseUrl'),
    );
    expect(
      await check({
        ...fields,
        restBaseUrl: 'https://123-abc-456.mktorest.com/rest',
        identityBaseUrl: 'http://localhost:4010/identity',
      }),
    ).toMatchObject({
      ok: false,
      problem: { field: 'identityBaseUrl' },
    });
    expect(calls).toBe(0);
  });

  it('are asked when MARKETO_ALLOW_LOOPBACK=1 set allowLoopback', async () => {
    const check = marketoChecks({ allowLoopback: true, fetch: counting })('org');
    await check(fields);
    expect(calls).toBeGreaterThan(0);
  });
});
