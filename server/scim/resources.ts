import SCIMMY from 'scimmy';
import type { DirectoryTeam } from '../../lib/domain/directory.ts';
import type { Member } from '../../lib/domain/member.ts';
import type { CommandName, CommandResult } from '../../lib/features/registry.ts';
import type { DirectoryPerson } from '../../lib/features/directory/rules.ts';

/**
 * SCIM 2.0 (RFC 7643/7644) by scimmy: it parses resources, filters and
 * PatchOp messages, applies a PATCH to what we read, checks attribute types
 * and answers lists, schemas and resource types. Here: how a member is a
 * SCIM User and a directory team a SCIM Group, and which registry command
 * each read or write is. Every decision is the commands'.
 */

/** What a handler may do for the request it serves: run a registry command as the org's directory. */
export interface ScimContext {
  run: <K extends CommandName>(name: K, input: unknown) => Promise<CommandResult<K>>;
}

export const SCIM_BASE_PATH = '/scim/v2';
/** The most resources one page holds (a list asks with `count`). */
export const MAX_RESULTS = 100;

type ScimUser = Record<string, unknown> & { id: string };
type ScimGroup = Record<string, unknown> & { id: string };

/** A member as a SCIM User: userName is the work email; `active` is false once the directory deactivated them. */
export function userOf(member: Member): ScimUser {
  const [givenName, ...rest] = member.name.split(' ');
  return {
    id: member.id,
    userName: member.email,
    ...(member.externalId !== undefined && { externalId: member.externalId }),
    name: { formatted: member.name, givenName, ...(rest.length > 0 && { familyName: rest.join(' ') }) },
    displayName: member.name,
    active: member.status !== 'deactivated',
    emails: [{ value: member.email, type: 'work', primary: true }],
    meta: { created: new Date(member.invitedAt).toISOString() },
  };
}

/** A directory team as a SCIM Group, with every member in that team. */
export function groupOf(team: DirectoryTeam, members: readonly Member[]): ScimGroup {
  const name = team.name.toLowerCase();
  return {
    id: team.id,
    displayName: team.name,
    ...(team.externalId !== undefined && { externalId: team.externalId }),
    members: members
      .filter((m) => m.teams.some((t) => t.toLowerCase() === name))
      .map((m) => ({ value: m.id, display: m.name })),
    meta: { created: new Date(team.createdAt).toISOString() },
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What a SCIM User says of a person, for the directory's commands (absent attributes stay unchanged). */
export function personOf(user: Record<string, unknown>): DirectoryPerson {
  const name = (user.name ?? {}) as Record<string, unknown>;
  const parts = {
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    formatted: text(name.formatted),
    displayName: text(user.displayName),
  };
  const person: DirectoryPerson = { email: text(user.userName) };
  if (Object.values(parts).some((p) => p !== undefined))
    person.name = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
  if (typeof user.externalId === 'string') person.externalId = user.externalId;
  if (typeof user.active === 'boolean') person.active = user.active;
  return person;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Attributes compared without case (RFC 7643: userName and displayName are not caseExact). */
const CASELESS = new Set(['username', 'displayname']);

type Expression = unknown[];
type FilterObject = Record<string, unknown>;

/** Every comparison of a parsed filter has its value (scimmy's parser lets `userName eq` through). */
function complete(node: unknown): boolean {
  if (Array.isArray(node)) {
    if (node.every((n) => typeof n === 'object' && n !== null)) return node.every(complete);
    const [first] = node as Expression;
    const negated = typeof first === 'string' && first.toLowerCase() === 'not';
    const comparator = String(negated ? node[1] : first).toLowerCase();
    if (comparator === 'pr' || comparator === 'np') return true;
    return node.length === (negated ? 3 : 2);
  }
  if (node && typeof node === 'object') return Object.values(node).every(complete);
  return true;
}

/** The parsed filter with the values compared to caseless attributes in lower case. */
function folded(node: unknown, attribute?: string): unknown {
  if (Array.isArray(node)) {
    if (node.every((n) => typeof n === 'object' && n !== null)) return node.map((n) => folded(n, attribute));
    if (!attribute || !CASELESS.has(attribute.toLowerCase())) return node;
    return node.map((part, i) =>
      i > 0 && typeof part === 'string' && i === node.length - 1 ? part.toLowerCase() : part,
    );
  }
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, folded(value, key)]));
  return node;
}

/** The resources a SCIM filter selects, userName and displayName compared without case. */
function filtered<T extends Record<string, unknown>>(resources: T[], filter: SCIMMY.Types.Filter | undefined): T[] {
  if (!filter) return resources;
  if (!complete([...filter]))
    throw new SCIMMY.Types.Error(400, 'invalidFilter', `The filter "${filter.expression}" is incomplete.`);
  const caseless = new SCIMMY.Types.Filter([...filter].map((f) => folded(f)) as FilterObject[]);
  const byProjection = new Map<Record<string, unknown>, T>();
  const projections = resources.map((resource) => {
    const projection: Record<string, unknown> = { ...resource };
    for (const key of ['userName', 'displayName'])
      if (typeof resource[key] === 'string') projection[key] = (resource[key] as string).toLowerCase();
    byProjection.set(projection, resource);
    return projection;
  });
  return caseless.match(projections).map((p: Record<string, unknown>) => byProjection.get(p)!);
}

const notFound = (kind: string, id: string) =>
  new SCIMMY.Types.Error(404, null as unknown as string, `No ${kind} of this org has the id "${id.slice(0, 60)}".`);

/** scimmy's resources as this module uses them (its declared types are narrower than what it accepts at run time). */
type Handler = (resource: { id?: string; filter?: SCIMMY.Types.Filter }, ...rest: never[]) => Promise<unknown>;
export interface ScimResourceClass {
  new (
    idOrConfig?: string | Record<string, unknown>,
    config?: Record<string, unknown>,
  ): {
    read(ctx?: ScimContext): Promise<unknown>;
    write(instance: unknown, ctx?: ScimContext): Promise<unknown>;
    patch(message: unknown, ctx?: ScimContext): Promise<unknown>;
    dispose(ctx?: ScimContext): Promise<void>;
  };
  egress(handler: Handler): unknown;
  ingress(handler: (resource: { id?: string }, instance: unknown, ctx: ScimContext) => Promise<unknown>): unknown;
  degress(handler: (resource: { id: string }, ctx: ScimContext) => Promise<void>): unknown;
  basepath(path: string): unknown;
}
export const loose = (resource: unknown) => resource as ScimResourceClass;

/** The User resource (with the enterprise extension) and the Group resource, once declared. */
export const scimResources = (): { Users: ScimResourceClass; Groups: ScimResourceClass } => ({
  Users: loose(SCIMMY.Resources.declared('User')),
  Groups: loose(SCIMMY.Resources.declared('Group')),
});

let declared = false;

/** Declares the User (with the enterprise extension) and Group resources and what the server supports, once. */
export function declareScimResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Config.set({
    documentationUri: 'https://github.com/marketo-access/marketo-access/blob/main/docs/server.md',
    patch: true,
    filter: { supported: true, maxResults: MAX_RESULTS },
    bulk: false,
    sort: false,
    etag: false,
    changePassword: false,
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM token the org’s owner made in the extension’s options page.',
      },
    ],
  });
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  const User = loose(SCIMMY.Resources.User);
  const Group = loose(SCIMMY.Resources.Group);
  // Relative: one process may serve several public URLs (tests), and scimmy's base path is global.
  for (const resource of [
    User,
    Group,
    SCIMMY.Resources.Schema,
    SCIMMY.Resources.ResourceType,
    SCIMMY.Resources.ServiceProviderConfig,
  ])
    loose(resource).basepath(SCIM_BASE_PATH);
  SCIMMY.Resources.declare(SCIMMY.Resources.User);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);

  User.egress(async (resource, ctx: ScimContext) => {
    const { members } = await ctx.run('readDirectory', {});
    if (resource.id) {
      const found = members.find((m) => m.id === resource.id);
      if (!found) throw notFound('user', resource.id);
      return userOf(found);
    }
    return filtered(members.map(userOf), resource.filter);
  });
  User.ingress(async (resource, instance, ctx) => {
    const person = defined(personOf(instance as unknown as Record<string, unknown>));
    const member = resource.id
      ? await ctx.run('changeDirectoryMember', { memberId: resource.id, ...person })
      : await ctx.run('provisionMember', person);
    return userOf(member);
  });
  User.degress(async (resource, ctx) => {
    await ctx.run('removeDirectoryMember', { memberId: resource.id });
  });

  Group.egress(async (resource, ctx: ScimContext) => {
    const { members, teams } = await ctx.run('readDirectory', {});
    if (resource.id) {
      const found = teams.find((t) => t.id === resource.id);
      if (!found) throw notFound('group', resource.id);
      return groupOf(found, members);
    }
    return filtered(
      teams.map((t) => groupOf(t, members)),
      resource.filter,
    );
  });
  Group.ingress(async (resource, instance, ctx) => {
    const group = instance as unknown as {
      displayName?: unknown;
      externalId?: unknown;
      members?: { value?: unknown }[];
    };
    const input = defined({
      name: group.displayName,
      externalId: text(group.externalId),
      // The whole group as it should be (a PUT, or a PATCH applied to what was read): no members is none.
      memberIds: (group.members ?? []).map((m) => m.value),
    });
    const { team, members } = resource.id
      ? await ctx.run('changeDirectoryTeam', { teamId: resource.id, ...input })
      : await ctx.run('createDirectoryTeam', input);
    return groupOf(team, members);
  });
  Group.degress(async (resource, ctx) => {
    await ctx.run('removeDirectoryTeam', { teamId: resource.id });
  });
}

/** Whether a string says a boolean, in any case ("False" as Microsoft Entra sends it). */
const booleanText = (value: unknown): boolean | undefined =>
  typeof value === 'string' && /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() === 'true' : undefined;

function withBooleanActive(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === 'active');
  if (key === undefined || typeof record[key] !== 'string') return value;
  const flag = booleanText(record[key]);
  return typeof flag === 'boolean' ? { ...record, [key]: flag } : value;
}

/**
 * Entra removes group members with `path: "members"` and the members as the
 * value (`[{ "value": id }]`), which a SCIM PATCH would compare whole with the
 * stored member (display and all): made one `members[value eq "id"]` removal each.
 */
function membersByValue(operation: unknown): unknown[] {
  if (!operation || typeof operation !== 'object') return [operation];
  const op = operation as Record<string, unknown>;
  const removes = typeof op.op === 'string' && op.op.toLowerCase() === 'remove';
  const members = typeof op.path === 'string' && op.path.trim().toLowerCase() === 'members';
  if (!removes || !members || !Array.isArray(op.value)) return [operation];
  const ids = op.value.map((m: unknown) => (m && typeof m === 'object' ? (m as { value?: unknown }).value : undefined));
  if (ids.length === 0 || !ids.every((id) => typeof id === 'string' && !/["\\]/.test(id))) return [operation];
  return ids.map((id) => ({ op: 'remove', path: `members[value eq "${id as string}"]` }));
}

/**
 * What Okta and Microsoft Entra actually send, made what SCIM says: an
 * operation's name in any case ("Replace"), and `active` as the text "True"
 * or "False" (in a body, an operation's value, or a value object).
 */
export function tolerated(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const record = withBooleanActive(body) as Record<string, unknown>;
  if (!Array.isArray(record.Operations)) return record;
  return {
    ...record,
    Operations: record.Operations.flatMap(membersByValue).map((operation: unknown) => {
      if (!operation || typeof operation !== 'object') return operation;
      const op = operation as Record<string, unknown>;
      const name = typeof op.op === 'string' ? op.op.toLowerCase() : op.op;
      const isActive = typeof op.path === 'string' && op.path.trim().toLowerCase() === 'active';
      const flag = isActive ? booleanText(op.value) : undefined;
      const value = typeof flag === 'boolean' ? flag : withBooleanActive(op.value);
      return 'value' in op ? { ...op, op: name, value } : { ...op, op: name };
    }),
  };
}
