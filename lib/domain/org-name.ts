import { INVISIBLE_CHARACTERS } from './member.ts';
import { fail, ok, type Result } from './result.ts';

export const MAX_ORG_NAME_LENGTH = 100;

/**
 * The org's name, as the first admin types it on the claim form (the
 * extension's and the server's own page): spaces folded, not empty, short,
 * and no invisible characters that could make it pass for another.
 */
export function parseOrgName(raw: unknown): Result<string> {
  const typed = typeof raw === 'string' ? raw.trim() : '';
  const name = typed.replace(/\s+/g, ' ');
  if (name === '') return fail('org-name-missing', 'Enter the org’s name.', 'orgName');
  if (INVISIBLE_CHARACTERS.test(typed))
    return fail(
      'name-invisible-characters',
      'The org’s name holds invisible or direction-changing characters: type it again.',
      'orgName',
    );
  if (name.length > MAX_ORG_NAME_LENGTH)
    return fail('org-name-too-long', `The org’s name is longer than ${MAX_ORG_NAME_LENGTH} characters.`, 'orgName');
  return ok(name);
}
