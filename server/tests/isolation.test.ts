import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { dumpOrg } from '../testing/dump.ts';
import { callCommand } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';

// Org A (the contract backend's org) and org B on one server. B's owner and
// admin aim every command at A's ids: A must not change, and no answer may
// carry anything of A.
let a: ContractBackend;
let orgB: string;
let ownerB: string;
const A_IDS = ['owner', 'admin', 'rep'];

beforeAll(async () => {
  a = await startContractBackend({ connected: true });
  const now = a.server.clock.now();
  orgB = await seedOrg(a.server.db, {
    name: 'Bravo',
    members: [
      aMember({ id: 'b-owner', email: 'b-owner@example.org', role: 'admin', status: 'active' }),
      aMember({ id: 'b-rep', email: 'b-rep@example.org' }),
    ],
    org: {
      status: 'connected',
      connection: anOrg({
        ownerId: 'b-owner',
        connectedAt: now - 3_600_000,
        restBaseUrl: a.marketo.restBaseUrl,
        identityBaseUrl: a.marketo.identityBaseUrl,
      }),
    },
  });
  ownerB = await a.server.signIn('b-owner@example.org');
});
afterAll(() => a.close());

const inputsAimedAtA = (): Record<CommandName, unknown[]> => ({
  getState: [{}, { previewAs: 'owner' }, { previewAs: 'rep' }],
  getActivity: [{}],
  signIn: [{ name: 'X', email: 'owner@example.com' }],
  signOut: [{}],
  inviteMember: [{ name: 'Copy Of Owner', email: 'owner@example.com' }],
  inviteMembers: [{ rows: [{ name: 'Copy', email: 'admin@example.com' }] }],
  updateMember: [
    { memberId: 'rep', role: 'admin' },
    { memberId: 'owner', teams: ['Sales'] },
  ],
  removeMember: [{ memberId: 'rep' }, { memberId: 'admin' }],
  connectOrg: [a.marketo],
  disconnectOrg: [{}],
  refreshWorkspaces: [{}],
  grantAccess: [{ memberIds: A_IDS, workspaceIds: [] }],
  removeAccess: [{ memberIds: A_IDS }],
  changeWorkspaces: [{ memberIds: A_IDS, workspaceIds: [2] }],
});

describe('no reads or writes across orgs', () => {
  it('covers every command of the registry', () => {
    expect(Object.keys(inputsAimedAtA()).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it("changes nothing of org A and reveals nothing of it, whatever B's owner sends", async () => {
    const before = await a.dump();
    const answers: unknown[] = [];
    const codes: Record<string, string[]> = {};
    for (const [name, inputs] of Object.entries(inputsAimedAtA())) {
      for (const input of inputs) {
        const answer = await callCommand(a.server.url, name, input, { token: ownerB });
        answers.push(answer.body);
        (codes[name] ??= []).push(answer.body.ok ? 'ok' : answer.body.error.code);
      }
    }
    expect(codes).toMatchObject({
      getState: ['ok', 'member-unknown', 'member-unknown'],
      signIn: ['unknown-command'],
      inviteMember: ['email-duplicate'],
      inviteMembers: ['email-duplicate'],
      updateMember: ['member-unknown', 'member-unknown'],
      removeMember: ['member-unknown', 'member-unknown'],
      removeAccess: ['ok'],
    });
    expect(await a.dump()).toEqual(before);
    const text = JSON.stringify(answers);
    for (const secret of [
      'owner@example.com',
      'admin@example.com',
      'rep@example.com',
      'Olivia Owner',
      'Rita Rep',
      a.orgId,
    ])
      expect(text).not.toContain(secret);
    // B's own org did change (invites of the same emails are refused: emails are unique across the server).
    const b = await dumpOrg(a.server.db, orgB);
    expect(b.members.map((m) => (m as { email: string }).email).sort()).toEqual([
      'b-owner@example.org',
      'b-rep@example.org',
    ]);
  });

  it("B's view lists only B", async () => {
    const state = await callCommand(a.server.url, 'getState', {}, { token: ownerB });
    expect(state.body.value.members.map((m: { id: string }) => m.id).sort()).toEqual(['b-owner', 'b-rep']);
  });
});
