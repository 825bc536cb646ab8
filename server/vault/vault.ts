import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What org_secret holds: AES-256-GCM, a fresh 12-byte nonce per seal, the tag apart. */
export interface SealedSecret {
  v: 1;
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

export interface Vault {
  seal(clear: string): Promise<SealedSecret>;
  /** Undefined for anything this key did not seal (another key, tampered, not a sealed value). */
  unseal(sealed: unknown): Promise<string | undefined>;
}

export function createVault(key: Buffer): Vault {
  if (key.length !== 32) throw new Error('The vault key must be 32 bytes.');
  return {
    seal: async (clear) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return {
        v: 1,
        alg: 'A256GCM',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    },
    unseal: async (sealed) => {
      if (!isSealed(sealed)) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function isSealed(value: unknown): value is SealedSecret {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    s.v === 1 &&
    s.alg === 'A256GCM' &&
    typeof s.iv === 'string' &&
    typeof s.tag === 'string' &&
    typeof s.data === 'string'
  );
}
