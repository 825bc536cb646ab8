import type { OrgStore } from '../../lib/features/store.ts';

/** What one read asked of an org at one version, and the answers: `members.all:[]` → the members. */
type Answers = Map<string, unknown>;

export interface ReadSnapshots {
  /** What reads of this org at exactly this version have answered, if this process kept it. */
  at(orgId: string, version: number): Answers | undefined;
  /** Keeps what a read answered at `version` (replacing an older version's; a newer one is kept instead). */
  keep(orgId: string, version: number, answers: Answers): void;
}

export const ORGS_KEPT = 1_000;

/**
 * Each process keeps, per org, what reads answered at the org's latest
 * version: members, grants, the connection, the recent activity. Every
 * committed change of an org's rows moves its version in the same
 * transaction (store-access.ts), so what was read at one version is what the
 * database holds at that version, on any process: a read that finds the
 * version unchanged answers from here after one small query. Never kept:
 * the sealed secret, the whole activity log.
 */
export function createReadSnapshots(max = ORGS_KEPT): ReadSnapshots {
  const kept = new Map<string, { version: number; answers: Answers }>();
  return {
    at(orgId, version) {
      const entry = kept.get(orgId);
      return entry?.version === version ? entry.answers : undefined;
    },
    keep(orgId, version, answers) {
      const entry = kept.get(orgId);
      if (entry && entry.version > version) return;
      if (entry?.version === version) {
        for (const [key, value] of answers) entry.answers.set(key, value);
        return;
      }
      kept.delete(orgId);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(orgId, { version, answers: new Map(answers) });
    },
  };
}

/** A kept read cannot answer this: the read runs against the database instead. */
export const NOT_KEPT = Symbol('not kept');

const frozen = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
};

const key = (name: string, args: readonly unknown[]) => `${name}:${JSON.stringify(args)}`;

/** The reads that are kept, by name; what each answers is frozen (a command that changed it would throw). */
type KeptReads = {
  'members.get': OrgStore['members']['get'];
  'members.byEmail': OrgStore['members']['byEmail'];
  'members.all': OrgStore['members']['all'];
  'grants.all': OrgStore['grants']['all'];
  'grants.of': OrgStore['grants']['of'];
  'org.get': OrgStore['org']['get'];
  'activity.recent': OrgStore['activity']['recent'];
};

function withReads(store: OrgStore, read: <K extends keyof KeptReads>(name: K, args: unknown[]) => unknown): OrgStore {
  const r =
    <K extends keyof KeptReads>(name: K) =>
    (...args: unknown[]) =>
      read(name, args) as ReturnType<KeptReads[K]>;
  return {
    ...store,
    members: { ...store.members, get: r('members.get'), byEmail: r('members.byEmail'), all: r('members.all') },
    grants: { ...store.grants, all: r('grants.all'), of: r('grants.of') },
    org: { ...store.org, get: r('org.get') },
    activity: { ...store.activity, recent: r('activity.recent') },
  };
}

/** The database's store for one read, noting what the kept reads answer into `answers`. */
export function notingStore(store: OrgStore, answers: Answers): OrgStore {
  const original: Record<keyof KeptReads, (...args: unknown[]) => Promise<unknown>> = {
    'members.get': (id) => store.members.get(id as string),
    'members.byEmail': (email) => store.members.byEmail(email as string),
    'members.all': () => store.members.all(),
    'grants.all': () => store.grants.all(),
    'grants.of': (id) => store.grants.of(id as string),
    'org.get': () => store.org.get(),
    'activity.recent': (count) => store.activity.recent(count as number),
  };
  return withReads(store, async (name, args) => {
    const answer = frozen(await original[name](...args));
    answers.set(key(name, args), answer);
    return answer;
  });
}

/**
 * A store answering from kept reads only: a read found there (or, for one
 * member or grant, in the whole list) answers at once; anything else throws
 * NOT_KEPT, and so does any write (a read never writes).
 */
export function keptStore(answers: Answers): OrgStore {
  const missing = () => Promise.reject(NOT_KEPT);
  const stored = (name: string, args: readonly unknown[]) => {
    const k = key(name, args);
    return answers.has(k) ? answers.get(k) : NOT_KEPT;
  };
  const fromList = <T>(list: string, find: (item: T) => boolean) => {
    const all = answers.get(key(list, [])) as T[] | undefined;
    return all ? all.find(find) : NOT_KEPT;
  };
  const nothing = { get: missing, put: missing, delete: missing };
  const base: OrgStore = {
    members: { ...nothing, byEmail: missing, all: missing },
    grants: { all: missing, of: missing, add: missing, remove: missing, clear: missing },
    org: { get: missing, put: missing },
    secret: nothing,
    activity: { add: missing, addMany: missing, recent: missing, all: missing },
    // Never kept (a token's last use moves without the org's version): read from the database.
    directory: {
      tokens: missing,
      addToken: missing,
      revokeToken: missing,
      teams: missing,
      putTeam: missing,
      deleteTeam: missing,
    },
    // The identity settings are never kept: such a read runs in its own transaction.
    identity: {
      get: missing,
      putProvider: missing,
      deleteProvider: missing,
      hasSecret: missing,
      setPolicy: missing,
      lastSsoSignIn: missing,
      noteSsoSignIn: missing,
    },
  };
  return withReads(base, async (name, args) => {
    let found = stored(name, args);
    if (found === NOT_KEPT && name === 'members.get')
      found = fromList<{ id: string }>('members.all', (m) => m.id === args[0]);
    if (found === NOT_KEPT && name === 'members.byEmail')
      found = fromList<{ email: string }>('members.all', (m) => m.email === args[0]);
    if (found === NOT_KEPT && name === 'grants.of')
      found = fromList<{ memberId: string }>('grants.all', (g) => g.memberId === args[0]);
    if (found === NOT_KEPT) throw NOT_KEPT;
    return found;
  });
}
