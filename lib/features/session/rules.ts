import { parseEmail } from '../../domain/email.ts';
import { DEFAULT_TEAM, parseName, type Member } from '../../domain/member.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { NewActivity } from '../store.ts';

/**
 * The first admin of a new org, wherever it is made: in trial mode whoever
 * signs in first, on a team server whoever opens the claim link. Invited
 * until they sign in (in trial mode at once).
 */
export function firstAdmin(input: { name: unknown; email: unknown }, id: string, now: number): Result<Member> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  const email = parseEmail(input.email);
  if (!email.ok) return email;
  return ok({
    id,
    name: name.value,
    email: email.value,
    role: 'admin',
    teams: [DEFAULT_TEAM],
    status: 'invited',
    invitedAt: now,
  });
}

/**
 * A sign-in, wherever it happens (the trial's signIn command, the team
 * server's code or passkey): the member becomes active, and the log says so.
 */
export function signedIn(member: Member, now: number): { member: Member; activity: NewActivity } {
  return {
    member: { ...member, status: 'active' },
    activity: { at: now, actorId: member.id, kind: 'signed-in', memberId: member.id },
  };
}

/** Whether a member may sign in (get a code, a session): not while the company directory has them deactivated. */
export const maySignIn = (member: Pick<Member, 'status'>): boolean => member.status !== 'deactivated';
