/**
 * The authorization contract: every command of the registry, run by every
 * kind of caller, gives success or the exact refusal, and a refusal leaves
 * the org's stored state exactly as it was. Written against the OrgBackend
 * port's behaviour only, so any backend can pass it by giving a factory:
 * the trial backend (IndexedDB) and the team server.
 */
import { describe, expect, it } from 'vitest';
import type { KnownProblemCode } from '../../lib/domain/problems.ts';
import type { Result } from '../../lib/domain/result.ts';
import type { Permission } from '../../lib/features/command.ts';
import { runsIn } from '../../lib/features/dispatch.ts';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { anOrgFile } from '../fixtures/org-file.ts';

export type CallerKind = 'signed-out' | 'rep' | 'admin' | 'owner';
export const CALLERS: readonly CallerKind[] = ['signed-out', 'rep', 'admin', 'owner'];

export type Run = (name: CommandName, input: unknown) => Promise<Result<unknown>>;

/** What a backend gives the contract: its first owner, signed in, and a way to act as others. */
export interface ContractBackend {
  /** The org's owner: an admin, signed in, the org not connected yet. */
  owner: Run;
  /** Someone signed out. */
  signedOut: Run;
  /** A member invited through commands, signed in as the backend signs people in. */
  memberByEmail(email: string): Promise<Run>;
  /** Moves the backend's clock (the waiting period). */
  advance(ms: number): void;
  /** The org's whole stored state, comparable as text (the caller's session left out). */
  dump(): Promise<string>;
  close(): Promise<void>;
  /** A connectOrg input this backend's Marketo (a fake check, or the sandbox) accepts. */
  connectInput: Record<string, string>;
  /**
   * A second org beside this one (on the team server, on the same server; in the trial, another browser's),
   * with its own owner (Bo Owner, bo@example.org) signed in. A person invited into both is one person with
   * two memberships.
   */
  otherOrg(): Promise<OtherOrg>;
}

/** The second org of `ContractBackend.otherOrg`. */
export interface OtherOrg {
  owner: Run;
  /** Someone invited into this org, signed in for their membership here (the person may be in the first org too). */
  memberByEmail(email: string): Promise<Run>;
  dump(): Promise<string>;
}
export type ContractFactory = () => Promise<ContractBackend>;

/** The org every case starts from. */
export interface World {
  backend: ContractBackend;
  connect: Record<string, string>;
  /** Two workspace ids of the connected instance. */
  workspaces: [number, number];
  as: Record<CallerKind, Run>;
  ids: { owner: string; admin: string; rep: string; spare: string };
}

export const CONNECT_INPUT = { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' };

/** A set-up step's answer, or the test stops naming the step and its refusal. */
export const must = async <T = unknown>(result: Promise<Result<unknown>>, what: string): Promise<T> => {
  const answer = await result;
  if (!answer.ok) throw new Error(`${what} was refused: ${answer.problem.code} ${answer.problem.message}`);
  return answer.value as T;
};

/**
 * An owner who connected the org (waiting period over), an admin who was
 * granted access, a rep granted workspace 2, and a spare rep with no access.
 */
export async function makeWorld(factory: ContractFactory): Promise<World> {
  const backend = await factory();
  const { owner } = backend;
  const invited = (await must(
    owner('inviteMembers', {
      rows: [
        { name: 'Avery Admin', email: 'avery@example.com', role: 'admin' },
        { name: 'Rey Rep', email: 'rey@example.com' },
        { name: 'Sam Spare', email: 'sam@example.com' },
      ],
    }),
    'inviting the members',
  )) as { invited: { member: { id: string } }[] };
  const [admin, rep, spare] = invited.invited.map((r) => r.member.id) as [string, string, string];
  const connection = (await must(owner('connectOrg', backend.connectInput), 'connecting the org')) as {
    workspaces: { id: number }[];
  };
  // Two of the instance's own workspaces (not the first, Default): the fake check's and the sandbox's differ.
  const [first, second] = connection.workspaces.slice(1).map((w) => w.id) as [number, number];
  backend.advance(10 * 60_000);
  const granted = async (input: unknown, what: string) => {
    const report = (await must(owner('grantAccess', input), what)) as { granted: number };
    if (report.granted !== 1) throw new Error(`${what}: nobody was granted`);
  };
  await granted({ memberIds: [rep], workspaceIds: [first] }, 'granting the rep');
  await granted({ memberIds: [admin], workspaceIds: [] }, 'granting the admin');
  const view = (await must(owner('getState', {}), 'reading the org')) as { me: { id: string } };
  return {
    backend,
    connect: backend.connectInput,
    as: {
      owner,
      'signed-out': backend.signedOut,
      admin: await backend.memberByEmail('avery@example.com'),
      rep: await backend.memberByEmail('rey@example.com'),
    },
    ids: { owner: view.me.id, admin, rep, spare },
    workspaces: [first, second],
  };
}

type Expected = 'ok' | KnownProblemCode;

/**
 * For each command: who may run it (the contract's own statement, checked
 * against the registry's declaration and, above all, against what the
 * backend does), a valid input, and what the command's own rule says to
 * callers who pass `who`. A Record: a new command without a case is a type
 * error here.
 */
export const CASES: Record<
  CommandName,
  {
    who: Permission;
    input: (ids: World['ids'], world: World) => unknown;
    rules?: Partial<Record<CallerKind, Expected>>;
  }
> = {
  getState: { who: 'anyone', input: () => ({}) },
  previewAs: { who: 'admin', input: (ids) => ({ memberId: ids.rep }) },
  getActivity: { who: 'admin', input: () => ({}) },
  signIn: { who: 'anyone', input: () => ({ name: 'Rey Rep', email: 'rey@example.com' }) },
  signOut: { who: 'anyone', input: () => ({}) },
  inviteMember: { who: 'admin', input: () => ({ name: 'Nia New', email: 'nia@example.com' }) },
  inviteMembers: { who: 'admin', input: () => ({ rows: [{ name: 'Nia New', email: 'nia@example.com' }] }) },
  updateMember: { who: 'admin', input: (ids) => ({ memberId: ids.spare, teams: ['EMEA'] }) },
  removeMember: { who: 'admin', input: (ids) => ({ memberId: ids.spare }) },
  // A link nobody printed: refused whoever sends it, and no org is made.
  claimOrg: {
    who: 'anyone',
    input: () => ({ token: 'not-a-printed-link', orgName: 'Other', name: 'Nia New', email: 'nia@example.com' }),
    rules: { 'signed-out': 'not-invited', rep: 'not-invited', admin: 'not-invited', owner: 'not-invited' },
  },
  // A link nobody printed, with a valid file: refused whoever sends it, and no org is made.
  importOrg: {
    who: 'anyone',
    input: () => ({ token: 'not-a-printed-link', orgName: 'Other', file: anOrgFile() }),
    rules: { 'signed-out': 'not-invited', rep: 'not-invited', admin: 'not-invited', owner: 'not-invited' },
  },
  // Once the org is connected, its file is the owner's to take.
  exportOrg: { who: 'admin', input: () => ({}), rules: { admin: 'not-owner' } },
  // The admin holds access: making the connection is the owner's handover to open first.
  connectOrg: { who: 'admin', input: (_ids, world) => world.connect, rules: { admin: 'connect-has-grant' } },
  disconnectOrg: { who: 'admin', input: () => ({}), rules: { admin: 'not-owner' } },
  refreshWorkspaces: { who: 'admin', input: () => ({}) },
  grantAccess: {
    who: 'admin',
    input: (ids, world) => ({ memberIds: [ids.spare], workspaceIds: [world.workspaces[1]] }),
  },
  removeAccess: { who: 'admin', input: (ids) => ({ memberIds: [ids.rep] }) },
  changeWorkspaces: {
    who: 'admin',
    input: (ids, world) => ({ memberIds: [ids.rep], workspaceIds: [world.workspaces[1]] }),
  },
  // The owner's SCIM tokens (a team server's): no token exists yet, so revoking one names nothing.
  listDirectoryTokens: { who: 'owner', input: () => ({}) },
  createDirectoryToken: { who: 'owner', input: () => ({ name: 'Okta' }) },
  revokeDirectoryToken: {
    who: 'owner',
    input: () => ({ tokenId: 'no-such-token' }),
    rules: { owner: 'token-unknown' },
  },
  // The company directory's own commands: no member, not even the owner, may run them (SCIM runs them).
  readDirectory: { who: 'directory', input: () => ({}) },
  provisionMember: { who: 'directory', input: () => ({ email: 'nia@example.com', name: { displayName: 'Nia New' } }) },
  changeDirectoryMember: { who: 'directory', input: (ids) => ({ memberId: ids.spare, active: false }) },
  removeDirectoryMember: { who: 'directory', input: (ids) => ({ memberId: ids.spare }) },
  createDirectoryTeam: { who: 'directory', input: (ids) => ({ name: 'Sales', memberIds: [ids.spare] }) },
  changeDirectoryTeam: { who: 'directory', input: () => ({ teamId: 'no-such-team', name: 'Sales' }) },
  removeDirectoryTeam: { who: 'directory', input: () => ({ teamId: 'no-such-team' }) },
  // The identity settings are the owner's (the org is connected). The full sign-in, with a real OpenID provider, is
  // server/tests/sso.test.ts; here a provider nobody answers for is refused after the caller's checks, changing nothing.
  getIdentitySettings: { who: 'admin', input: () => ({}), rules: { admin: 'not-owner' } },
  setIdentityProvider: {
    who: 'admin',
    input: () => ({
      name: 'Okta',
      issuer: 'http://127.0.0.1:9/oidc',
      clientId: 'marketo-access',
      clientSecret: 'a-client-secret',
      domains: ['example.com'],
    }),
    rules: { admin: 'not-owner', owner: 'sso-discovery-failed' },
  },
  removeIdentityProvider: {
    who: 'admin',
    input: () => ({}),
    rules: { admin: 'not-owner', owner: 'sso-not-configured' },
  },
  setLoginPolicy: {
    who: 'admin',
    input: () => ({ policy: 'sso-only' }),
    rules: { admin: 'not-owner', owner: 'sso-not-configured' },
  },
};

/** The refusal a caller gets for not being who the command is for, else what its rule says. */
export function expectedFor(name: CommandName, caller: CallerKind): Expected {
  const { who } = CASES[name];
  if (who === 'directory') return 'not-directory';
  if (who !== 'anyone' && caller === 'signed-out') return 'not-signed-in';
  if ((who === 'admin' || who === 'owner') && caller === 'rep') return 'not-admin';
  if (who === 'owner' && caller === 'admin') return 'not-owner';
  return CASES[name].rules?.[caller] ?? 'ok';
}

/** Rules about oneself and the owner, each a refusal that must change nothing. */
export const SELF_CASES: {
  title: string;
  caller: CallerKind;
  name: CommandName;
  input: (ids: World['ids']) => unknown;
  code: KnownProblemCode;
}[] = [
  {
    title: 'an admin removes themselves',
    caller: 'admin',
    name: 'removeMember',
    input: (ids) => ({ memberId: ids.admin }),
    code: 'remove-self',
  },
  {
    title: 'an admin removes the owner',
    caller: 'admin',
    name: 'removeMember',
    input: (ids) => ({ memberId: ids.owner }),
    code: 'remove-owner',
  },
  {
    title: 'an admin removes their own access',
    caller: 'admin',
    name: 'removeAccess',
    input: (ids) => ({ memberIds: [ids.admin, ids.rep] }),
    code: 'remove-own-access',
  },
  {
    title: 'an admin demotes themselves',
    caller: 'admin',
    name: 'updateMember',
    input: (ids) => ({ memberId: ids.admin, role: 'user' }),
    code: 'demote-self',
  },
  {
    title: 'an admin demotes the owner',
    caller: 'admin',
    name: 'updateMember',
    input: (ids) => ({ memberId: ids.owner, role: 'user' }),
    code: 'demote-owner',
  },
  {
    title: 'an admin previews as a member who is not there',
    caller: 'admin',
    name: 'previewAs',
    input: () => ({ memberId: 'nobody' }),
    code: 'member-unknown',
  },
  {
    title: 'a rep previews as the owner',
    caller: 'rep',
    name: 'previewAs',
    input: (ids) => ({ memberId: ids.owner }),
    code: 'not-admin',
  },
];

/** The whole contract, for one backend. */
/** `inBrowser` false for a team server: it signs people in itself, has no trial-only commands, and has the claim link. */
export function authorizationContract(label: string, factory: ContractFactory, where: { inBrowser: boolean }): void {
  describe(`the authorization contract: ${label}`, () => {
    const names = Object.keys(COMMANDS) as CommandName[];
    for (const name of names) {
      for (const caller of CALLERS) {
        const expected = !runsIn(name, where.inBrowser ? 'trial' : 'team-server')
          ? 'unknown-command'
          : expectedFor(name, caller);
        it(`${name} by ${caller} → ${expected}`, async () => {
          const world = await makeWorld(factory);
          try {
            const before = await world.backend.dump();
            const answer = await world.as[caller](name, CASES[name].input(world.ids, world));
            expect(answer.ok ? 'ok' : answer.problem.code).toBe(expected);
            if (!answer.ok) expect(await world.backend.dump()).toBe(before);
          } finally {
            await world.backend.close();
          }
        });
      }
    }

    it('the registry declares for each command the callers this contract expects', () => {
      const declared = Object.fromEntries(names.map((name) => [name, COMMANDS[name].who]));
      expect(declared).toEqual(Object.fromEntries(names.map((name) => [name, CASES[name].who])));
    });

    it.each(SELF_CASES)('$title → $code, nothing changed', async ({ caller, name, input, code }) => {
      const world = await makeWorld(factory);
      try {
        const before = await world.backend.dump();
        const answer = await world.as[caller](name, input(world.ids));
        expect(answer.ok ? 'ok' : answer.problem.code).toBe(code);
        expect(await world.backend.dump()).toBe(before);
      } finally {
        await world.backend.close();
      }
    });

    personInTwoOrgs(factory, where);

    it('the org connection changes hands only through the handover: owner removes the admin’s access, the admin connects, the old owner’s disconnect ends it', async () => {
      const world = await makeWorld(factory);
      const { as, ids, backend } = world;
      try {
        const code = async (r: Promise<Result<unknown>>) => {
          const answer = await r;
          return answer.ok ? 'ok' : answer.problem.code;
        };
        // Acting alone, the admin can neither connect nor clear the way by removing their own access.
        expect(await code(as.admin('connectOrg', world.connect))).toBe('connect-has-grant');
        expect(await code(as.admin('removeAccess', { memberIds: [ids.admin] }))).toBe('remove-own-access');
        // Another admin removing the admin's access opens no handover: only the owner's act does.
        expect(await code(as.owner('updateMember', { memberId: ids.spare, role: 'admin' }))).toBe('ok');
        const spareAdmin = await backend.memberByEmail('sam@example.com');
        expect(await code(spareAdmin('removeAccess', { memberIds: [ids.admin] }))).toBe('ok');
        expect(await code(as.admin('connectOrg', world.connect))).toBe('connect-not-handover');
        expect(await code(as.owner('grantAccess', { memberIds: [ids.admin], workspaceIds: [] }))).toBe('ok');
        // The owner removes the admin's access: the admin may now connect and becomes the owner.
        expect(await code(as.owner('removeAccess', { memberIds: [ids.admin] }))).toBe('ok');
        expect(await code(as.admin('connectOrg', world.connect))).toBe('ok');
        const afterConnect = await as.admin('getState', {});
        expect(
          afterConnect.ok &&
            (afterConnect.value as { org: { connection: { ownerId: string } } }).org.connection.ownerId,
        ).toBe(ids.admin);
        // Reps kept their access through the handover.
        const repView = await as.rep('getState', {});
        expect(repView.ok && (repView.value as { grants: unknown[] }).grants).toHaveLength(1);
        // The old owner's disconnect ends the handover and leaves everyone connected.
        expect(await code(as.owner('disconnectOrg', {}))).toBe('ok');
        const ended = await as.admin('getState', {});
        const state = ended.ok ? (ended.value as { org: { status: string }; grants: unknown[] }) : undefined;
        expect(state?.org.status).toBe('connected');
        expect(state?.grants.length).toBeGreaterThan(0);
        // Now only the new owner may disconnect.
        expect(await code(as.owner('disconnectOrg', {}))).toBe('not-owner');
        expect(await code(as.admin('disconnectOrg', {}))).toBe('ok');
      } finally {
        await backend.close();
      }
    });
  });
}

/**
 * One person, two memberships: an admin of the world's org (A) invited as a rep into a second org (B) is a rep
 * in B. Part of the contract; also run alone by the mutation stage of memberships (tests/mutation/).
 */
export function personInTwoOrgs(factory: ContractFactory, where: { inBrowser: boolean }): void {
  it('a person in two orgs (admin in A, rep in B) is a rep in B: B’s admin-only commands refused, nothing of A seen from B', async () => {
    const world = await makeWorld(factory);
    const { as, ids, backend } = world;
    try {
      const b = await backend.otherOrg();
      const invited = await b.owner('inviteMember', { name: 'Avery Admin', email: 'avery@example.com' });
      expect(invited.ok).toBe(true);
      const averyInB = await b.memberByEmail('avery@example.com');
      const [aBefore, bBefore] = [await backend.dump(), await b.dump()];
      const adminOnly = (Object.keys(COMMANDS) as CommandName[]).filter(
        (name) => CASES[name].who === 'admin' && runsIn(name, where.inBrowser ? 'trial' : 'team-server'),
      );
      expect(adminOnly.length).toBeGreaterThan(5);
      for (const name of adminOnly) {
        // Aimed at A's ids and A's connection, as an admin of A would send them.
        const answer = await averyInB(name, CASES[name].input(ids, world));
        expect(answer.ok ? 'ok' : answer.problem.code, name).toBe('not-admin');
      }
      const view = await averyInB('getState', {});
      expect(view.ok).toBe(true);
      const seen = JSON.stringify(view);
      expect(view.ok ? (view.value as { me?: { role: string } }).me?.role : undefined).toBe('user');
      for (const ofA of ['Rey Rep', 'rey@example.com', 'Sam Spare', 'sam@example.com', ...Object.values(world.connect)])
        expect(seen, ofA).not.toContain(ofA);
      expect([await backend.dump(), await b.dump()]).toEqual([aBefore, bBefore]);
      // In A the same person is still an admin, for A's own members and nothing of B's.
      const inA = await as.admin('getState', {});
      expect(inA.ok && (inA.value as { me: { role: string } }).me.role).toBe('admin');
      expect(JSON.stringify(inA)).not.toContain('bo@example.org');
      expect((await as.admin('getActivity', {})).ok).toBe(true);
    } finally {
      await backend.close();
    }
  });
}
