import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The vault key: env SECRET_KEY (base64 of 32 bytes) wherever it is set, and
 * required in production. In development a key is generated once into a file
 * only its owner can read, so sealed secrets survive restarts.
 */
export function loadVaultKey(
  env: { SECRET_KEY?: string | undefined; NODE_ENV?: string | undefined },
  devKeyFile: string,
): Buffer {
  if (env.SECRET_KEY) {
    const key = Buffer.from(env.SECRET_KEY, 'base64');
    if (key.length !== 32)
      throw new Error('SECRET_KEY must be the base64 of 32 random bytes (openssl rand -base64 32).');
    return key;
  }
  if (env.NODE_ENV === 'production') throw new Error('SECRET_KEY is required in production (openssl rand -base64 32).');
  if (existsSync(devKeyFile)) return Buffer.from(readFileSync(devKeyFile, 'utf8').trim(), 'base64');
  // Traversable (not listable) by others: the embedded PostgreSQL runs as its own user under this folder; the key file itself is 0600.
  mkdirSync(dirname(devKeyFile), { recursive: true, mode: 0o711 });
  const key = randomBytes(32);
  writeFileSync(devKeyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
