import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { MAX_SEATS } from '../../lib/domain/member.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand } from '../testing/http.ts';
import { memberRow } from '../store/rows.ts';

// Writers of one org queue on its row lock, so each rule is decided against
// what the previous writer committed.
let t: ContractBackend;
let admin: string;
let owner: string;

beforeAll(async () => {
  t = await startContractBackend({ connected: false });
  admin = await t.server.signIn('admin@example.com');
  owner = await t.server.signIn('owner@example.com');
});
afterAll(() => t.close());

describe('concurrent admins', () => {
  it('racing for the 100th seat: exactly one wins', async () => {
    const filler = Array.from({ length: MAX_SEATS - 4 }, (_, i) =>
      memberRow(t.orgId, aMember({ id: `m${i}`, email: `m${i}@example.com` })),
    );
    await t.server.db.insertInto('members').values(filler).execute();
    expect((await t.dump()).members).toHaveLength(MAX_SEATS - 1);

    const answers = await Promise.all([
      callCommand(t.server.url, 'inviteMember', { name: 'Zoe', email: 'zoe@example.com' }, { token: admin }),
      callCommand(t.server.url, 'inviteMember', { name: 'Yan', email: 'yan@example.com' }, { token: owner }),
      callCommand(t.server.url, 'inviteMembers', { rows: [{ name: 'Xi', email: 'xi@example.com' }] }, { token: admin }),
    ]);
    const invited = answers.filter((a) => a.body.ok && (a.body.value.id || a.body.value.invited?.length));
    expect(invited).toHaveLength(1);
    expect((await t.dump()).members).toHaveLength(MAX_SEATS);
    const refusals = answers
      .filter((a) => a !== invited[0])
      .map((a) => (a.body.ok ? a.body.value.rejected[0].problems[0].code : a.body.error.code));
    expect(refusals).toEqual(['seats-full', 'seats-full']);
  });

  it('both connecting the org: exactly one connection is made', async () => {
    const before = (await t.dump()).org!.version;
    const [a, b] = await Promise.all([
      callCommand(t.server.url, 'connectOrg', t.marketo, { token: admin }),
      callCommand(t.server.url, 'connectOrg', t.marketo, { token: owner }),
    ]);
    const winners = [a, b].filter((x) => x.body.ok);
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((x) => !x.body.ok)!;
    expect(loser.status).toBe(409);
    expect(loser.body.error.code).toBe('connect-not-handover');
    const after = await t.dump();
    expect(after.org!.version).toBe(before + 1);
    expect((after.connection as { connection: { ownerId: string } }).connection.ownerId).toBe(
      winners[0]!.body.value.ownerId,
    );
    expect(after.activity.filter((e) => (e as { kind: string }).kind === 'org-connected')).toHaveLength(1);
  });
});

describe('idempotent retries', () => {
  it('a retried write with the same key answers the stored response and applies once', async () => {
    const key = randomUUID();
    const input = { memberIds: ['rep'], workspaceIds: [] };
    const first = await callCommand(t.server.url, 'removeAccess', input, { token: admin, key });
    const version = (await t.dump()).org!.version;
    const again = await callCommand(t.server.url, 'removeAccess', input, { token: admin, key });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect((await t.dump()).org!.version).toBe(version);
  });

  it('two copies of one write sent at once apply once', async () => {
    const key = randomUUID();
    const before = await t.dump();
    await t.server.db.deleteFrom('members').where('org_id', '=', t.orgId).where('id', 'like', 'm%').execute();
    const input = { name: 'Wes', email: 'wes@example.com' };
    const [a, b] = await Promise.all([
      callCommand(t.server.url, 'inviteMember', input, { token: admin, key }),
      callCommand(t.server.url, 'inviteMember', input, { token: admin, key }),
    ]);
    expect(a.body).toEqual(b.body);
    expect(a.body.ok).toBe(true);
    const after = await t.dump();
    expect(after.members.filter((m) => (m as { email: string }).email === 'wes@example.com')).toHaveLength(1);
    expect(after.org!.version).toBe(before.org!.version + 1);
  });

  it('a key reused for another command is refused and changes nothing', async () => {
    const key = randomUUID();
    await callCommand(t.server.url, 'removeAccess', { memberIds: ['rep'] }, { token: admin, key });
    const before = await t.dump();
    const other = await callCommand(
      t.server.url,
      'inviteMember',
      { name: 'Val', email: 'val@example.com' },
      { token: admin, key },
    );
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ code: 'bad-input', field: 'Idempotency-Key' });
    expect(await t.dump()).toEqual(before);
  });
});
