/**
 * Kill points for every command that writes more than once: the worker dies
 * (or throws) at each of the command's IndexedDB writes, then a fresh worker
 * starts over the same database. The org is then exactly as before the
 * command or exactly as after it, never in between. Bulk access commands have
 * their own, finer checks in kill-points.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OrgDatabase } from '../../lib/db/open.ts';
import type { CommandName } from '../../lib/features/registry.ts';
import { freshDbName, manualClock, startWorker } from '../fixtures/worker-harness.ts';
import { armKillSwitch, dumpText, rawDump, type KillMode } from './support.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const READY = T0 + 10 * 60_000;
const CONNECT = { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' };

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

type Worker = ReturnType<typeof startWorker>;
interface Ids {
  owner: string;
  ana: string;
  bo: string;
}

/** An owner, Ana (granted) and Bo (an admin), the org connected and ready. */
async function org(w: Worker, clock: ReturnType<typeof manualClock>): Promise<Ids> {
  const owner = await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  const ana = await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
  const bo = await w.must('inviteMember', { name: 'Bo', email: 'bo@example.com', role: 'admin' });
  await w.must('connectOrg', CONNECT);
  clock.set(READY);
  await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
  return { owner: owner.id, ana: ana.id, bo: bo.id };
}

/** Every command that writes more than once, with an input that changes the org. */
const COMMANDS_UNDER_TEST: { name: CommandName; input: (ids: Ids) => unknown }[] = [
  { name: 'signIn', input: () => ({ name: 'Ana', email: 'ana@example.com' }) },
  { name: 'inviteMember', input: () => ({ name: 'Cy', email: 'cy@example.com' }) },
  {
    name: 'inviteMembers',
    input: () => ({
      rows: [
        { name: 'Cy', email: 'cy@example.com' },
        { name: 'Dee', email: 'dee@example.com', teams: ['EMEA'] },
      ],
    }),
  },
  { name: 'updateMember', input: (ids) => ({ memberId: ids.ana, teams: ['EMEA', 'Sales'] }) },
  { name: 'removeMember', input: (ids) => ({ memberId: ids.ana }) },
  { name: 'connectOrg', input: () => CONNECT },
  { name: 'disconnectOrg', input: () => ({}) },
  { name: 'refreshWorkspaces', input: () => ({}) },
  { name: 'grantAccess', input: (ids) => ({ memberIds: [ids.bo], workspaceIds: [3] }) },
  { name: 'removeAccess', input: (ids) => ({ memberIds: [ids.ana] }) },
  { name: 'changeWorkspaces', input: (ids) => ({ memberIds: [ids.ana], workspaceIds: [3] }) },
];

/** The org as stored, with what differs by design between two runs left out: the vault's random IVs. */
async function state(db: OrgDatabase): Promise<string> {
  const { stores } = await rawDump(db);
  const secrets = stores.secrets;
  if (secrets) stores.secrets = { keys: secrets.keys, values: secrets.values.map(() => 'sealed') };
  return dumpText({ stores });
}

async function run(name: CommandName, killAt: number, mode: KillMode) {
  const dbName = freshDbName();
  const clock = manualClock(T0);
  let n = 0;
  const newId = () => `id-${++n}`;
  const w = startWorker({ dbName, now: clock.now, newId });
  const ids = await org(w, clock);
  const db = await w.db();
  const before = await state(db);
  const kill = armKillSwitch(killAt, mode);
  let answer: { ok: boolean; error?: { code: string } };
  try {
    answer = (await w.post({
      channel: 'marketo-access/command',
      command: name,
      input: COMMANDS_UNDER_TEST.find((c) => c.name === name)!.input(ids),
    })) as typeof answer;
  } finally {
    kill.disarm();
  }
  await w.close();
  const restarted = startWorker({ dbName, now: clock.now, newId });
  await restarted.worker.woken;
  const after = await state(await restarted.db());
  await restarted.close();
  return { before, after, answer, writes: kill.writes, killed: kill.killed };
}

describe('every command that writes more than once, killed at each write, then restarted', () => {
  it.each(COMMANDS_UNDER_TEST.map((c) => c.name))(
    '%s: the org is as before or as after, never in between',
    async (name) => {
      const clean = await run(name, Infinity, 'abort');
      expect(clean.answer.ok).toBe(true);
      expect(clean.after).not.toBe(clean.before);
      // More than one write: that is what makes a kill in the middle possible.
      expect(clean.writes).toBeGreaterThan(1);
      const half: string[] = [];
      for (const mode of ['abort', 'throw'] as const) {
        for (let at = 0; at < clean.writes; at++) {
          const killed = await run(name, at, mode);
          expect(killed.killed).toBe(true);
          expect(killed.answer.ok).toBe(false);
          if (killed.after !== killed.before && killed.after !== clean.after)
            half.push(`${mode} at write ${at} of ${clean.writes}`);
        }
      }
      expect(half).toEqual([]);
    },
  );
});
