import { request } from 'node:http';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { httpRequest } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';

// GET /api/activity: an admin's export of their org's log, filtered, paged by an
// opaque cursor, streamed as CSV or JSON Lines without holding the log in memory.
let t: ContractBackend;
const tokens: Record<'owner' | 'admin' | 'rep', string> = { owner: '', admin: '', rep: '' };

beforeAll(async () => {
  t = await startContractBackend({ connected: true });
  for (const kind of ['owner', 'admin', 'rep'] as const) tokens[kind] = await t.server.signIn(t.members[kind].email);
  // A few lines made by commands: invitations, a bulk grant (one stored line, two members), a removal.
  const invited = await t.callers.owner('inviteMembers', {
    rows: [
      { name: 'Una Later', email: 'una@example.com' },
      { name: 'Ivo Later', email: 'ivo@example.com' },
    ],
  });
  expect(invited.ok).toBe(true);
  expect((await t.callers.owner('grantAccess', { memberIds: ['rep', 'admin'], workspaceIds: [] })).ok).toBe(true);
  expect((await t.callers.owner('removeMember', { memberId: 'rep' })).ok).toBe(true);
});
afterAll(() => t.close());

const get = (query: string, token?: string) =>
  httpRequest(`${t.server.url}/api/activity${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const page = async (query: string, token = tokens.owner) => {
  const answer = await get(query, token);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text).value as {
    entries: { seq: number; time: string; kind: string; actor: Person; member?: Person; details?: object }[];
    next: string;
    more: boolean;
  };
};
interface Person {
  id: string;
  name?: string;
  email?: string;
}

describe('who may read it', () => {
  it('an admin of the org: yes; a rep and a signed-out caller: refused', async () => {
    expect((await get('', tokens.admin)).status).toBe(200);
    const rep = await get('', tokens.rep);
    // The rep was removed in beforeAll: their session ended with the membership.
    expect([rep.status, JSON.parse(rep.text).error.code]).toEqual([401, 'not-signed-in']);
    const signedOut = await get('');
    expect([signedOut.status, JSON.parse(signedOut.text).error.code]).toEqual([401, 'not-signed-in']);
    for (const format of ['csv', 'jsonl']) expect((await get(`?format=${format}`)).status).toBe(401);
  });

  it('a rep still in the org is refused as not an admin, whatever the format', async () => {
    await t.callers.owner('inviteMember', { name: 'Remy Rep', email: 'remy@example.com' });
    const remy = await t.server.signIn('remy@example.com');
    for (const query of ['', '?format=csv', '?format=jsonl', '?kind=signed-in']) {
      const answer = await get(query, remy);
      expect([answer.status, JSON.parse(answer.text).error.code]).toEqual([403, 'not-admin']);
    }
  });
});

describe('the JSON pages', () => {
  it('name every member, a removed one too, one entry per member of a bulk change, oldest first', async () => {
    const { entries } = await page('?limit=1000');
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const granted = entries.filter((e) => e.kind === 'access-granted');
    expect(granted.map((e) => [e.actor.name, e.member?.name])).toEqual([
      ['Olivia Owner', 'Rita Rep'],
      ['Olivia Owner', 'Adam Admin'],
    ]);
    const removed = entries.find((e) => e.kind === 'member-removed');
    expect(removed?.member).toEqual({ id: 'rep', name: 'Rita Rep', email: 'rep@example.com' });
    // Every line names its actor, and every member line its member.
    for (const e of entries) {
      expect(e.actor.name, e.kind).toBeTruthy();
      if (e.member) expect(e.member.name, e.kind).toBeTruthy();
    }
  });

  it('filter by kind, by member (by them or about them) and by time', async () => {
    const all = (await page('?limit=1000')).entries;
    const kinds = await page('?kind=access-granted,member-removed');
    expect(kinds.entries.map((e) => e.kind).sort()).toEqual(['access-granted', 'access-granted', 'member-removed']);
    expect((await page('?kind=access-granted&kind=member-removed')).entries).toEqual(kinds.entries);
    const aboutRep = await page('?member=rep');
    expect(aboutRep.entries.length).toBeGreaterThan(0);
    expect(aboutRep.entries.every((e) => e.actor.id === 'rep' || e.member?.id === 'rep')).toBe(true);
    expect(aboutRep.entries).toEqual(all.filter((e) => e.actor.id === 'rep' || e.member?.id === 'rep'));
    const first = all[0]!;
    const at = Date.parse(first.time);
    const from = new Date(at + 1).toISOString();
    expect((await page(`?from=${from}`)).entries).toEqual(all.filter((e) => Date.parse(e.time) >= at + 1));
    expect((await page(`?to=${from}`)).entries).toEqual(all.filter((e) => Date.parse(e.time) < at + 1));
  });

  it('page by cursor: every line once, and lines written meanwhile come after', async () => {
    const all = (await page('?limit=1000')).entries;
    const seen: number[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const p = await page(`?limit=2${cursor && `&cursor=${cursor}`}`);
      seen.push(...new Set(p.entries.map((e) => e.seq)));
      cursor = p.next;
      pages += 1;
      // A line appended while a client is paging: it must show up once, at the end.
      if (pages === 2) await t.callers.owner('inviteMember', { name: 'Mia Meanwhile', email: 'mia@example.com' });
      if (!p.more) break;
    }
    const seqs = [...new Set(all.map((e) => e.seq))];
    expect(seen.slice(0, seqs.length)).toEqual(seqs);
    expect(seen.length).toBe(seqs.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
    // The last cursor is where to poll from: nothing new, an empty page with the same cursor.
    const after = await page(`?cursor=${cursor}`);
    expect([after.entries, after.next, after.more]).toEqual([[], cursor, false]);
  });
});

describe('a bad query changes nothing and says what is wrong', () => {
  it.each([
    ['?from=yesterday', 'activity-time-invalid', 'from'],
    ['?from=2026-12-01', 'activity-time-invalid', 'from'],
    ['?to=2026-13-01T00:00:00Z', 'activity-time-invalid', 'to'],
    ['?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 'activity-time-invalid', 'to'],
    ['?kind=access-revoked', 'activity-kind-unknown', 'kind'],
    ['?kind=signed-in,nope', 'activity-kind-unknown', 'kind'],
    ['?cursor=abc', 'activity-cursor-invalid', 'cursor'],
    [`?cursor=${Buffer.from('a1.-5').toString('base64url')}`, 'activity-cursor-invalid', 'cursor'],
    ['?cursor=%27%20or%201=1', 'activity-cursor-invalid', 'cursor'],
    ['?limit=0', 'bad-input', 'limit'],
    ['?limit=1001', 'bad-input', 'limit'],
    ['?format=xml', 'bad-input', 'format'],
    ['?org=other', 'bad-input', 'org'],
    ['?member=a&member=b', 'bad-input', 'member'],
  ])('%s', async (query, code, field) => {
    const answer = await get(query, tokens.owner);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ code, field });
  });
});

/** Reads a streamed answer chunk by chunk; `onChunk` may pause the test between chunks. */
function stream(query: string, token: string, onChunk?: (received: string) => void) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request(`${t.server.url}/api/activity${query}`, { headers: { authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        onChunk?.(text);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the streamed exports', () => {
  it('CSV: a header, one line per entry with names, formulas kept as text', async () => {
    // A name a spreadsheet would run, written straight into the log (as an old or imported line could be).
    await sql`insert into activity (org_id, at, actor_id, kind, member_id, people)
      values (${t.orgId}, ${Date.now()}, 'owner', 'member-invited', 'evil',
        ${JSON.stringify({ evil: { name: '=HYPERLINK("http://x.example","y")', email: 'evil@example.com' } })}::jsonb)`.execute(
      t.server.db,
    );
    const answer = await stream('?format=csv', tokens.owner);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = Papa.parse<string[]>(answer.text, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['time', 'actor', 'actorId', 'kind', 'member', 'memberId', 'details']);
    const json = (await page('?limit=1000')).entries;
    expect(rows.length - 1).toBe(json.length);
    expect(rows.find((r) => r[3] === 'member-removed')?.slice(1, 6)).toEqual([
      'Olivia Owner',
      'owner',
      'member-removed',
      'Rita Rep',
      'rep',
    ]);
    expect(rows.at(-1)?.[4]).toBe(`'=HYPERLINK("http://x.example","y")`);
    expect(answer.headers['x-activity-cursor']).toBe((await page('?limit=1000')).next);
  });

  it('JSON Lines: one object per line, the same as the pages', async () => {
    const answer = await stream('?format=jsonl&kind=access-granted', tokens.owner);
    expect(answer.headers['content-type']).toBe('application/x-ndjson');
    const lines = answer.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual((await page('?kind=access-granted')).entries);
  });
});

describe('100,000 lines', () => {
  const LINES = 100_000;
  let bulkOwner: string;

  beforeAll(async () => {
    const orgId = await seedOrg(t.server.db, {
      name: 'Bulk',
      members: [
        aMember({ id: 'bulk-owner', name: 'Bea Bulk', email: 'bea@bulk.example', role: 'admin', status: 'active' }),
      ],
    });
    bulkOwner = await t.server.signIn('bea@bulk.example');
    await sql`insert into activity (org_id, at, actor_id, kind, member_id, details, people)
      select ${orgId}, ${Date.UTC(2026, 0, 1)}::bigint + g, 'bulk-owner', 'access-granted', 'm' || (g % 100),
        '{"workspaceIds":[]}'::jsonb,
        jsonb_build_object('bulk-owner', jsonb_build_object('name', 'Bea Bulk', 'email', 'bea@bulk.example'),
          'm' || (g % 100), jsonb_build_object('name', 'Member ' || (g % 100), 'email', 'm' || (g % 100) || '@bulk.example'))
      from generate_series(1, ${LINES}) as g`.execute(t.server.db);
  });

  it('streams all of them as CSV: the first lines leave before the rest is read from the database', async () => {
    // Once lines have arrived, the test locks the log: if the server had read it all first, the answer
    // would still end; streaming in batches, it waits on the lock with most lines not yet sent.
    let locked: Promise<void> | undefined;
    let receivedWhileLocked = -1;
    const answer = await stream('?format=csv&kind=access-granted', bulkOwner, (received) => {
      locked ??= t.server.db.transaction().execute(async (trx) => {
        await sql`lock table activity in access exclusive mode`.execute(trx);
        await vi.waitFor(
          async () => {
            const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like '%from "activity"%'`.execute(t.server.db);
            expect(waiting.rows[0]?.n).toBeGreaterThan(0);
          },
          { timeout: 20_000, interval: 20 },
        );
        receivedWhileLocked = received.split('\r\n').length;
      });
    });
    await locked;
    expect(answer.status).toBe(200);
    const lines = answer.text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(LINES + 1);
    expect(lines[1]).toMatch(/^2026-01-01T00:00:00\.001Z,Bea Bulk,bulk-owner,access-granted,Member 1,m1,/);
    expect(receivedWhileLocked).toBeGreaterThan(0);
    expect(receivedWhileLocked).toBeLessThan(LINES / 2);
  });

  it('streams all of them as JSON Lines', async () => {
    const answer = await stream('?format=jsonl&kind=access-granted', bulkOwner);
    const lines = answer.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(LINES);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'access-granted', member: { id: 'm0', name: 'Member 0' } });
  });
});
