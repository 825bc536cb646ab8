import * as v from 'valibot';
import { MAX_CREDENTIAL_LENGTH, MAX_ENDPOINT_LENGTH } from '../domain/connection-fields.ts';
import { MAX_EMAIL_LENGTH } from '../domain/email.ts';
import {
  MAX_MEMBER_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SELECTION,
  MAX_TEAM_NAME_LENGTH,
  MAX_TEAMS,
} from '../domain/member.ts';
import { MUNCHKIN_ID_LENGTH } from '../domain/munchkin.ts';
import { MAX_ORG_NAME_LENGTH } from '../domain/org-name.ts';
import { MAX_WORKSPACES } from '../domain/workspace.ts';

/**
 * Shapes shared by the commands' input schemas, built from the domain's
 * limits so the two cannot drift. The rules still check the values (trimmed,
 * folded, in use); these only bound what may reach them.
 */
export const memberId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_MEMBER_ID_LENGTH));
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Room for surrounding spaces a paste brings; the rule trims, then checks the real limit. */
const SLACK = 20;
/** Pasted credentials and addresses: more room, so a value slightly too long gets the rule's message, not a schema's. */
const PASTE_SLACK = 100;
export const nameText = text(MAX_NAME_LENGTH + SLACK);
export const emailText = text(MAX_EMAIL_LENGTH + SLACK);
export const orgNameText = text(MAX_ORG_NAME_LENGTH + SLACK);
export const munchkinText = text(MUNCHKIN_ID_LENGTH + PASTE_SLACK);
export const credentialText = text(MAX_CREDENTIAL_LENGTH + PASTE_SLACK);
export const endpointText = text(MAX_ENDPOINT_LENGTH + PASTE_SLACK);
export const role = v.picklist(['admin', 'user']);
export const teams = boundedArray(text(MAX_TEAM_NAME_LENGTH + SLACK), 0, MAX_TEAMS);
export const memberIds = boundedArray(memberId, 1, MAX_SELECTION);
export const workspaceIds = boundedArray(v.pipe(v.number(), v.integer(), v.minValue(0)), 0, MAX_WORKSPACES);

/**
 * An array whose length is checked before any item: a million ids is refused
 * at once instead of being validated one by one first. The bounds are said
 * again after the array, where a JSON Schema of it (the server's OpenAPI
 * document) reads them; by then they always hold.
 */
export function boundedArray<T extends v.GenericSchema>(item: T, min: number, max: number) {
  return v.pipe(
    v.custom<unknown[]>(
      (value) => Array.isArray(value) && value.length >= min && value.length <= max,
      `must be a list of ${min} to ${max} items`,
    ),
    v.array(item),
    v.minLength(min),
    v.maxLength(max),
  );
}
