import type { OrgDatabase } from '../db/open.ts';
import type { SealedSecret } from '../db/schema.ts';

/**
 * The client secret is sealed with AES-GCM under a key that WebCrypto made
 * non-extractable; IndexedDB keeps the key object, but no script can read its
 * bytes. What this protects against: the secret showing up in an export, a
 * log, a support dump of one store, or a copy of the secrets store alone.
 * What it does not: a copy of the whole browser profile (the key object and
 * the sealed secret travel together, and the browser can use the key), or
 * code running in the extension's own origin, which can ask WebCrypto to
 * unseal it as we do. On a team server the secret never reaches the browser.
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
  typeof value === 'object' &&
  value !== null &&
  (value as SealedSecret).iv instanceof Uint8Array &&
  (value as SealedSecret).ciphertext instanceof ArrayBuffer;
