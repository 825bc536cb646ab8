import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVaultKey } from '../vault/key.ts';
import { createVault } from '../vault/vault.ts';

describe('the vault', () => {
  const vault = createVault(randomBytes(32));

  it('seals with a fresh nonce each time and unseals only its own', async () => {
    const a = await vault.seal('SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf');
    const b = await vault.seal('SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf');
    expect(a.iv).not.toBe(b.iv);
    expect(JSON.stringify(a)).not.toContain('SbxDemo');
    expect(await vault.unseal(a)).toBe('SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf');
    expect(await createVault(randomBytes(32)).unseal(a)).toBeUndefined();
    expect(await vault.unseal({ ...a, data: Buffer.from('tampered').toString('base64') })).toBeUndefined();
    for (const junk of [undefined, null, 'text', { v: 2 }, {}]) expect(await vault.unseal(junk)).toBeUndefined();
  });

  it('takes SECRET_KEY (32 bytes, base64), requires it in production, and makes a 0600 key file in development', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    const key = randomBytes(32);
    expect(loadVaultKey({ SECRET_KEY: key.toString('base64') }, join(dir, 'unused'))).toEqual(key);
    expect(() => loadVaultKey({ SECRET_KEY: 'c2hvcnQ=' }, join(dir, 'unused'))).toThrow(/32/);
    expect(() => loadVaultKey({ NODE_ENV: 'production' }, join(dir, 'unused'))).toThrow(/SECRET_KEY is required/);
    const file = join(dir, 'data', 'secret.key');
    const made = loadVaultKey({}, file);
    expect(made).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(made);
    expect(loadVaultKey({}, file)).toEqual(made);
  });
});
