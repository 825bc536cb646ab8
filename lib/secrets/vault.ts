import type { OrgDatabase } from '../db/open.ts';
import type { SealedSecret } from '../db/schema.ts';

/**
 * The client secret is sealed with AES-GCM under a key that WebCrypto made
 * non-extractable: IndexedDB keeps the key object, but no script (ours
 * included) can read its bytes, so a copy of the database alone does not
 * reveal the secret.
 */
export async function vaultKey(db: OrgDatabase): Promise<CryptoKey> {
  const existing = await db.get('secrets', 'vault-key');
  if (existing instanceof CryptoKey) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  try {
    await db.add('secrets', key, 'vault-key');
    return key;
  } catch {
    // Another wake made one first: use theirs.
    const winner = await db.get('secrets', 'vault-key');
    if (winner instanceof CryptoKey) return winner;
    throw new Error('The vault key could not be stored.');
  }
}

export async function seal(key: CryptoKey, plaintext: string): Promise<SealedSecret> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plaintext));
  return { iv, ciphertext };
}

export async function unseal(key: CryptoKey, sealed: SealedSecret): Promise<string> {
  const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.ciphertext);
  return new TextDecoder().decode(plaintext);
}

export const isSealedSecret = (value: unknown): value is SealedSecret =>
  typeof value === 'object' && value !== null && (value as SealedSecret).iv instanceof Uint8Array && (value as SealedSecret).ciphertext instanceof ArrayBuffer;
