// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../tests/sandbox/server.ts';
import { memoryTokenStore } from './token.ts';
import { createMarketoCheck } from './check-connection.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const fields = () => ({ ...sandbox.credentials, restBaseUrl: sandbox.restUrl, identityBaseUrl: sandbox.identityUrl });

describe('the live check behind Connect', () => {
  it('proves the credentials and lists the workspaces, asking no permission for the loopback sandbox', async () => {
    const asked: string[][] = [];
    const check = createMarketoCheck({
      hasHostPermission: async (o) => (asked.push(o), false),
      tokenStore: memoryTokenStore(),
    });
    const result = await check(fields());
    expect(result.ok && result.value.workspacesEnabled).toBe(true);
    expect(result.ok && result.value.workspaces.map((w) => w.name)).toEqual([
      'Default',
      'EMEA',
      'North America',
      'APAC',
    ]);
    expect(asked).toEqual([]);
  });

  it('a wrong secret is refused with a message that does not repeat it', async () => {
    const check = createMarketoCheck({ hasHostPermission: async () => true, tokenStore: memoryTokenStore() });
    const result = await check({ ...fields(), clientSecret: 'WrongSecret0001' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('bad-credentials');
      expect(result.problem.message).toMatch(/Client ID or Client Secret/);
      expect(result.problem.message).not.toContain('WrongSecret0001');
    }
  });

  it('a real instance without the host permission asks the person to allow it, and Marketo is not called', async () => {
    let fetched = 0;
    const check = createMarketoCheck({
      hasHostPermission: async (origins) => (expect(origins).toEqual(['https://123-abc-456.mktorest.com/*']), false),
      tokenStore: memoryTokenStore(),
      fetch: async () => (fetched++, new Response('{}')),
    });
    const result = await check({ munchkinId: '123-ABC-456', clientId: 'id', clientSecret: 'secret' });
    expect(result).toMatchObject({ ok: false, problem: { code: 'host-permission' } });
    expect(!result.ok && result.problem.message).toContain('123-abc-456.mktorest.com');
    expect(fetched).toBe(0);
  });

  it('an endpoint that is not Marketo is refused before any request', async () => {
    const check = createMarketoCheck({ hasHostPermission: async () => true, tokenStore: memoryTokenStore() });
    const result = await check({
      munchkinId: '123-ABC-456',
      clientId: 'id',
      clientSecret: 'secret',
      restBaseUrl: 'https://evil.example/rest',
    });
    expect(result).toMatchObject({ ok: false, problem: { code: 'bad-config' } });
  });

  it('a 603 on workspaces names the missing API permission', async () => {
    sandbox.faults.next('603');
    const check = createMarketoCheck({ hasHostPermission: async () => true, tokenStore: memoryTokenStore() });
    const result = await check(fields());
    expect(result).toMatchObject({ ok: false, problem: { code: '603' } });
    expect(!result.ok && result.problem.message).toMatch(/Access User Management Api/);
  });
});
