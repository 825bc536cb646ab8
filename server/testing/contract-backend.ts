import type { Result } from '../../lib/domain/result.ts';
import type { Member } from '../../lib/domain/member.ts';
import { anOrg, aMember } from '../../tests/fixtures/domain.ts';
import { callCommand } from './http.ts';
import { seedOrg, seededOwner } from './seed.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './start-test-server.ts';
import { dumpOrg, type OrgDump } from './dump.ts';
import { startSandbox } from '../../tests/sandbox/server.ts';

export type CallerKind = 'signed-out' | 'rep' | 'admin' | 'owner';

/** What a command answered, as the extension's client sees it: `error` is the wire's name for a problem. */
export type WireResult =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string } };

export type CallAs = (name: string, input: unknown) => Promise<WireResult>;

export interface ContractBackend {
  callers: Record<CallerKind, CallAs>;
  /** The seeded members, by caller kind (no member for 'signed-out'). */
  members: Record<Exclude<CallerKind, 'signed-out'>, Member>;
  orgId: string;
  /** A Marketo sandbox for this org: connectOrg's input that succeeds (the seeded connection, when connected, is this one). */
  marketo: { munchkinId: string; clientId: string; clientSecret: string; restBaseUrl: string; identityBaseUrl: string };
  /** Every row of the org as stored (secrets as sealed), for before/after comparison. */
  dump(): Promise<OrgDump>;
  server: TestServer;
  close(): Promise<void>;
}

export interface ContractOptions extends TestServerOptions {
  /** Seed the org connected (owner = the owner; waiting period over), with a sealed secret. Default false. */
  connected?: boolean;
}

/**
 * A team server with one seeded org (an owner, a second admin, a rep), each
 * signed in through the real email-code flow, and a `callers` function per
 * kind that calls POST /api/commands/:name with that caller's bearer token
 * (and a fresh Idempotency-Key). For the contract suite in tests/contract/.
 * It works without the server's vitest globalSetup (it then starts its own
 * PostgreSQL: call stopOwnCluster from ./test-database.ts after the suite).
 * The server runs in the test's process, so the suite file must run in
 * vitest's node environment (`// @vitest-environment node` on its first
 * line): under happy-dom, Request and Response are not Node's.
 */
export async function startContractBackend(options: ContractOptions = {}): Promise<ContractBackend> {
  const sandbox = await startSandbox({ port: 0, latencyMs: 0 });
  const server = await startTestServer(options).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const marketo = { ...sandbox.credentials, restBaseUrl: sandbox.restUrl, identityBaseUrl: sandbox.identityUrl };
  const close = async () => {
    await server.close();
    await sandbox.close();
  };
  try {
    const now = server.clock.now();
    const members = {
      owner: seededOwner(now),
      admin: aMember({
        id: 'admin',
        name: 'Adam Admin',
        email: 'admin@example.com',
        role: 'admin',
        status: 'active',
        invitedAt: now - 86_400_000,
        invitedBy: 'owner',
      }),
      rep: aMember({
        id: 'rep',
        name: 'Rita Rep',
        email: 'rep@example.com',
        role: 'user',
        status: 'active',
        invitedAt: now - 86_400_000,
        invitedBy: 'owner',
      }),
    };
    const connection = options.connected
      ? {
          status: 'connected' as const,
          connection: anOrg({
            ownerId: 'owner',
            connectedAt: now - 3_600_000,
            munchkinId: marketo.munchkinId,
            clientId: marketo.clientId,
            restBaseUrl: marketo.restBaseUrl,
            identityBaseUrl: marketo.identityBaseUrl,
          }),
        }
      : undefined;
    const sealed = options.connected ? await server.server.ctx.services.vault.seal(marketo.clientSecret) : undefined;
    const orgId = await seedOrg(
      server.db,
      { members: Object.values(members), ...(connection && { org: connection }), ...(sealed && { sealed }) },
      now,
    );
    const tokens: Partial<Record<CallerKind, string>> = {};
    for (const kind of ['owner', 'admin', 'rep'] as const) tokens[kind] = await server.signIn(members[kind].email);
    const callAs =
      (kind: CallerKind): CallAs =>
      async (name, input) => {
        const token = tokens[kind];
        return (await callCommand(server.url, name, input, token ? { token } : {})).body as WireResult;
      };
    return {
      callers: {
        'signed-out': callAs('signed-out'),
        rep: callAs('rep'),
        admin: callAs('admin'),
        owner: callAs('owner'),
      },
      members,
      orgId,
      marketo,
      dump: () => dumpOrg(server.db, orgId),
      server,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The wire answer as a domain Result (`error` → `problem`), for suites that compare with the trial backend. */
export const toResult = (answer: WireResult): Result<unknown> =>
  answer.ok ? answer : { ok: false, problem: answer.error as never };
