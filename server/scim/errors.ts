import SCIMMY from 'scimmy';
import type { ProblemCode } from '../../lib/domain/problems.ts';
import type { Problem } from '../../lib/domain/result.ts';

/** A SCIM error (RFC 7644 §3.12): the status, its scimType when SCIM names one, and the detail in words. */
export interface ScimFailure {
  status: number;
  scimType?: string | undefined;
  detail: string;
}

/**
 * A refusal of the registry's commands as a SCIM error. Identity providers
 * retry 5xx and quarantine an app that keeps failing, so every refusal of
 * the directory is a 4xx: a duplicate is 409 `uniqueness`; an id unknown in
 * this org is 404; the owner is 400 `mutability` (their `active` cannot
 * change); full seats or teams, and every value the rules refuse, are 400
 * `invalidValue` with the rule's words.
 */
export function scimFailureOf(problem: Problem): ScimFailure {
  const detail = problem.message;
  const code: ProblemCode = problem.code;
  switch (code) {
    case 'email-duplicate':
    case 'team-duplicate':
      return { status: 409, scimType: 'uniqueness', detail };
    case 'member-unknown':
    case 'team-unknown':
      // An unknown member inside a group's list is a bad value of that group, not a missing group.
      return problem.field === 'members' ? { status: 400, scimType: 'invalidValue', detail } : { status: 404, detail };
    case 'directory-owner':
      return { status: 400, scimType: 'mutability', detail };
    case 'not-directory':
      return { status: 401, detail: 'The SCIM token is unknown or was revoked.' };
    case 'server-unavailable':
      return { status: 503, detail };
    default:
      return { status: 400, scimType: 'invalidValue', detail };
  }
}

/** A SCIM failure as scimmy's error, thrown from its handlers. */
export const scimError = ({ status, scimType, detail }: ScimFailure) =>
  new SCIMMY.Types.Error(status, scimType ?? (null as unknown as string), detail);

/** The body of a SCIM error answer. */
export const errorBody = ({ status, scimType, detail }: ScimFailure) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: String(status),
  ...(scimType && { scimType }),
  detail,
});
