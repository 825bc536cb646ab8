import { describe, expect, it } from 'vitest';
import { clientIdAsTyped, parseConnectionFields } from './connection-fields.ts';

const good = { munchkinId: '123-abc-456', clientId: ' 1a2b-c3d4 ', clientSecret: '\tS3cr3tValue  ' };

describe('parseConnectionFields', () => {
  it('trims pasted credentials and normalises the Munchkin ID', () => {
    expect(parseConnectionFields(good)).toEqual({
      ok: true,
      value: { munchkinId: '123-ABC-456', clientId: '1a2b-c3d4', clientSecret: 'S3cr3tValue' },
    });
  });

  it('keeps overridden endpoints without their trailing slash; loopback only where the build allows it', () => {
    const result = parseConnectionFields(
      {
        ...good,
        restBaseUrl: 'https://123-ABC-456.mktorest.com/rest/',
        identityBaseUrl: 'http://127.0.0.1:4010/identity',
      },
      { allowLoopback: true },
    );
    expect(result.ok && result.value.restBaseUrl).toBe('https://123-abc-456.mktorest.com/rest');
    expect(result.ok && result.value.identityBaseUrl).toBe('http://127.0.0.1:4010/identity');
  });

  it.each([
    [{ munchkinId: '' }, ['munchkin-missing']],
    [{ clientId: '' }, ['clientId-missing']],
    [{ clientSecret: 'abc def' }, ['clientSecret-has-space']],
    [{ restBaseUrl: 'not a url' }, ['restBaseUrl-invalid']],
    [{ restBaseUrl: 'http://123-abc-456.mktorest.com/rest' }, ['restBaseUrl-insecure']],
    [{ identityBaseUrl: 'https://x.mktorest.com/identity?x=1' }, ['identityBaseUrl-invalid']],
    // A production build sends credentials only to Marketo's hosts, never to the sandbox on loopback.
    [{ identityBaseUrl: 'http://127.0.0.1:4010/identity' }, ['identityBaseUrl-insecure']],
    [{ restBaseUrl: 'https://localhost:4010/rest' }, ['restBaseUrl-not-marketo']],
    [{ restBaseUrl: 'https://evil.example/rest' }, ['restBaseUrl-not-marketo']],
    [{ restBaseUrl: 'https://123-abc-456.mktorest.com.evil.example/rest' }, ['restBaseUrl-not-marketo']],
    [
      { munchkinId: 'x', clientId: ' ', clientSecret: undefined },
      ['munchkin-shape', 'clientId-missing', 'clientSecret-missing'],
    ],
  ])('refuses %j', (patch, codes) => {
    const result = parseConnectionFields({ ...good, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual(codes);
  });

  it('never echoes the secret in a problem message', () => {
    const result = parseConnectionFields({ ...good, munchkinId: 'bad', clientSecret: 'TopSecretValue99' });
    expect(JSON.stringify(result)).not.toContain('TopSecretValue99');
  });
});

describe('a Client ID as it is typed (a hint: LaunchPoint shows a GUID)', () => {
  it.each([
    ['', 'empty'],
    ['5a1f3c2e', 'partial'],
    ['5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b', 'complete'],
    [' 5A1F3C2E-8B7D-4E6F-9A0B-1C2D3E4F5A6B ', 'complete'],
    // The Client Secret pasted in its place: letters past f.
    ['SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf', 'wrong'],
    ['5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b7', 'wrong'],
  ])('%j is %s', (typed, shape) => {
    expect(clientIdAsTyped(typed)).toBe(shape);
  });
});
