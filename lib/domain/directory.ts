import { INVISIBLE_CHARACTERS } from './member.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * The company directory's side of an org (SCIM 2.0 provisioning): the
 * tokens its owner made for it, and the teams it manages (SCIM groups).
 */

/** A token the owner made for the company directory; its secret is shown once and stored hashed. */
export interface DirectoryToken {
  id: string;
  name: string;
  createdAt: number;
  /** When the directory last called with it, to the minute; absent until it does. */
  lastUsedAt?: number;
}

/** Who is calling when the directory calls: one of the org's tokens, named by the owner. */
export interface DirectoryCaller {
  kind: 'directory';
  tokenId: string;
  name: string;
}

/** A team the directory manages (a SCIM group): its id for the directory, and the team's name. */
export interface DirectoryTeam {
  id: string;
  name: string;
  externalId?: string;
  createdAt: number;
}

export const MAX_TOKEN_NAME_LENGTH = 60;
/** Tokens an org may hold at once: one per identity provider and a spare while one is replaced. */
export const MAX_DIRECTORY_TOKENS = 5;
/** How stale a token's "last used" may be: written at most once a minute, not on every call. */
export const LAST_USE_PRECISION_MS = 60_000;

/**
 * The id an activity line gives the directory as its actor: not a member
 * id, and the line records the token's name beside it.
 */
export const directoryActorId = (tokenId: string): string => `directory:${tokenId}`;

/** A token's name: trimmed, spaces folded, 1-60 visible characters. */
export function parseTokenName(raw: unknown): Result<string> {
  const typed = typeof raw === 'string' ? raw.trim() : '';
  const name = typed.replace(/\s+/g, ' ');
  if (name === '') return fail('token-name-missing', 'Name the token, for example “Okta”.', 'name');
  if (INVISIBLE_CHARACTERS.test(typed))
    return fail(
      'name-invisible-characters',
      'The name holds invisible or direction-changing characters: type it again.',
      'name',
    );
  if (name.length > MAX_TOKEN_NAME_LENGTH)
    return fail('token-name-too-long', `The token name is longer than ${MAX_TOKEN_NAME_LENGTH} characters.`, 'name');
  return ok(name);
}
