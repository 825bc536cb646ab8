import type { Member } from '../../lib/domain/member.ts';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { dumpOrg, type OrgDump } from './dump.ts';
import { callCommand, httpRequest } from './http.ts';
import { seedOrg, seededOwner } from './seed.ts';
import type { TestServer } from './start-test-server.ts';

export interface ScimAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely.
  body: any;
  headers: Headers;
}

export type Scim = (method: string, path: string, body?: unknown) => Promise<ScimAnswer>;

/** Test only: SCIM requests to /scim/v2 with a bearer token, as an identity provider sends them. */
export function scimClient(url: string, token: string | undefined): Scim {
  return async (method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/scim+json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/scim+json';
    const answer = await httpRequest(`${url}/scim/v2${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return {
      status: answer.status,
      headers: answer.headers,
      body: answer.text === '' ? undefined : (JSON.parse(answer.text) as unknown),
    };
  };
}

export interface DirectoryOrg {
  orgId: string;
  /** The owner's bearer (the extension's session). */
  owner: string;
  /** The SCIM token's secret, as the owner copied it once. */
  secret: string;
  tokenId: string;
  scim: Scim;
  dump(): Promise<OrgDump>;
}

/**
 * Test only: an org on the test server, connected by its owner (id `owner`)
 * (id `owner` unless said) and its other members, with a SCIM token the owner made through the
 * createDirectoryToken command.
 */
export async function directoryOrg(
  server: TestServer,
  o: { name?: string; ownerId?: string; ownerEmail?: string; members?: Member[]; tokenName?: string } = {},
): Promise<DirectoryOrg> {
  const now = server.clock.now();
  const ownerEmail = o.ownerEmail ?? 'owner@example.com';
  const orgId = await seedOrg(
    server.db,
    {
      name: o.name ?? 'Acme',
      members: [{ ...seededOwner(now), id: o.ownerId ?? 'owner', email: ownerEmail }, ...(o.members ?? [])],
      org: {
        status: 'connected',
        connection: anOrg({ connectedAt: now - 3_600_000, ownerId: o.ownerId ?? 'owner' }),
      },
    },
    now,
  );
  const owner = await server.signIn(ownerEmail);
  const made = await callCommand(server.url, 'createDirectoryToken', { name: o.tokenName ?? 'Okta' }, { token: owner });
  if (made.status !== 200) throw new Error(`createDirectoryToken: ${made.status} ${JSON.stringify(made.body)}`);
  const { secret, token } = made.body.value as { secret: string; token: { id: string } };
  return {
    orgId,
    owner,
    secret,
    tokenId: token.id,
    scim: scimClient(server.url, secret),
    dump: () => dumpOrg(server.db, orgId),
  };
}

/** Test only: `count` reps of an org, ids `rep-1`…, with emails at `domain`. */
export const reps = (count: number, domain = 'example.com', status: Member['status'] = 'active'): Member[] =>
  Array.from({ length: count }, (_, i) => aMember({ id: `rep-${i + 1}`, email: `rep-${i + 1}@${domain}`, status }));
