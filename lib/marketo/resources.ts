import * as v from 'valibot';

/**
 * The records this extension reads from Marketo, as schemas that check what
 * arrives and keep only what we use. Optional fields Marketo may send as
 * `null` come out absent, so callers see `undefined` only.
 */

const optionalText = v.nullish(v.string());
const optionalFlag = v.nullish(v.boolean());
const id = v.pipe(v.number(), v.integer());

/** `{ key: value }`, or `{}` when the value is null or absent: spread it into a record. */
function present<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** A workspace, from `GET /userservice/management/v1/users/workspaces.json`. */
export interface MarketoWorkspace {
  id: number;
  name: string;
  /** "active" in Marketo's examples. */
  status?: string;
  description?: string;
}

export const WorkspaceList = v.array(
  v.pipe(
    v.looseObject({ id, name: v.string(), status: optionalText, description: optionalText }),
    v.transform(({ id, name, status, description }): MarketoWorkspace => ({
      id,
      name,
      ...present('status', status),
      ...present('description', description),
    })),
  ),
);

/** A Marketo user, from `…/users/allusers.json`. */
export interface MarketoUser {
  id: number;
  /** Marketo's login id (`userid` on the wire): an email address. */
  userId: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
  apiOnly?: boolean;
}

export const UserList = v.array(
  v.pipe(
    v.looseObject({
      id,
      userid: v.string(),
      firstName: optionalText,
      lastName: optionalText,
      emailAddress: optionalText,
      apiOnly: optionalFlag,
    }),
    v.transform(({ id, userid, firstName, lastName, emailAddress, apiOnly }): MarketoUser => ({
      id,
      userId: userid,
      ...present('firstName', firstName),
      ...present('lastName', lastName),
      ...present('emailAddress', emailAddress),
      ...present('apiOnly', apiOnly),
    })),
  ),
);

/** A role, from `…/users/roles.json`. */
export interface MarketoRole {
  id: number;
  name: string;
  description?: string;
  /** "system" or "custom". */
  type?: string;
  /** True for roles that only apply across all workspaces (Admin). */
  onlyAllZones?: boolean;
}

export const RoleList = v.array(
  v.pipe(
    v.looseObject({ id, name: v.string(), description: optionalText, type: optionalText, onlyAllZones: optionalFlag }),
    v.transform(({ id, name, description, type, onlyAllZones }): MarketoRole => ({
      id,
      name,
      ...present('description', description),
      ...present('type', type),
      ...present('onlyAllZones', onlyAllZones),
    })),
  ),
);

/** Today's API usage, from `GET /rest/v1/stats/usage.json`: one day per result entry. */
export interface DailyUsage {
  /** YYYY-MM-DD. */
  date: string;
  total: number;
  users: { userId: string; count: number }[];
}

export const DailyUsageList = v.array(
  v.pipe(
    v.looseObject({
      date: v.string(),
      total: v.number(),
      users: v.optional(v.array(v.looseObject({ userId: v.string(), count: v.number() })), []),
    }),
    v.transform(({ date, total, users }): DailyUsage => ({
      date,
      total,
      users: users.map(({ userId, count }) => ({ userId, count })),
    })),
  ),
);
