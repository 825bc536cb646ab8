import * as v from 'valibot';
import { MAX_EMAIL_LENGTH } from '../domain/email.ts';
import { MAX_NAME_LENGTH, MAX_SEATS, MAX_TEAM_NAME_LENGTH, MAX_TEAMS } from '../domain/member.ts';

/**
 * Shapes shared by the commands' input schemas, built from the domain's
 * limits so the two cannot drift. The rules still check the values (trimmed,
 * folded, in use); these only bound what may reach them.
 */
export const memberId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Room for surrounding spaces a paste brings; the rule trims, then checks the real limit. */
const SLACK = 20;
export const nameText = text(MAX_NAME_LENGTH + SLACK);
export const emailText = text(MAX_EMAIL_LENGTH + SLACK);
export const role = v.picklist(['admin', 'user']);
export const teams = boundedArray(text(MAX_TEAM_NAME_LENGTH + SLACK), 0, MAX_TEAMS);

/** A bulk selection is of members of one org: at most its seats (trial orgs may hold more, hence the margin). */
export const MAX_SELECTION = 10_000;
/** A CSV can hold more rows than seats: the report then says which rows found no seat. */
export const MAX_IMPORT_ROWS = 1_000;
export const MAX_WORKSPACES = 1_000;
export const memberIds = boundedArray(memberId, 1, MAX_SELECTION);
export const workspaceIds = boundedArray(v.pipe(v.number(), v.integer(), v.minValue(0)), 0, MAX_WORKSPACES);

/**
 * An array whose length is checked before any item: a million ids is refused
 * at once instead of being validated one by one first.
 */
export function boundedArray<T extends v.GenericSchema>(item: T, min: number, max: number) {
  return v.pipe(
    v.custom<unknown[]>(
      (value) => Array.isArray(value) && value.length >= min && value.length <= max,
      `must be a list of ${min} to ${max} items`,
    ),
    v.array(item),
  );
}

export { MAX_SEATS };
