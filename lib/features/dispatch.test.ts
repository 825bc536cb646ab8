import { describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import type { CommandServices } from './command.ts';
import { isCommandName, parseInput, runCommand, type StoreAccess } from './dispatch.ts';
import type { OrgStore } from './store.ts';

/** A store that fails the test if a command touches it. */
const untouchable = new Proxy({} as OrgStore, {
  get: (_, area) =>
    new Proxy(
      {},
      {
        get: (__, method) => () => {
          throw new Error(`the store was touched: ${String(area)}.${String(method)}`);
        },
      },
    ),
});
const access: StoreAccess = {
  read: (work) => work(untouchable),
  write: (work) => work(untouchable),
  actor: async () => aMember({ id: 'ann', role: 'admin' }),
};
const services = { now: () => 0, newId: () => 'id' } as unknown as CommandServices;

describe('the dispatcher', () => {
  it('refuses input that does not fit the command before anything reads or writes the org, naming the field', async () => {
    for (const input of [{ name: 'Ana', email: 42 }, 'not an object', null]) {
      const result = await runCommand(access, services, 'inviteMember', input);
      expect(result).toMatchObject({ ok: false, problem: { code: 'bad-input' } });
    }
    const nested = parseInput('inviteMembers', { rows: [{ name: 'Ana', email: 7 }] });
    expect(nested).toMatchObject({ ok: false, problem: { field: 'rows.0.email' } });
    expect(!nested.ok && nested.problem.message).toMatch(/^The inviteMembers command was refused: rows\.0\.email /);
    const whole = parseInput('inviteMember', 'text');
    expect(whole).toMatchObject({ ok: false, problem: { field: 'input' } });
  });

  it('knows the registry’s commands and nothing else', () => {
    expect(isCommandName('getState')).toBe(true);
    // Not even something that prints as a command's name.
    const lookalike = { toString: () => 'getState' };
    for (const name of ['toString', 'constructor', '__proto__', '', 42, undefined, lookalike])
      expect(isCommandName(name)).toBe(false);
  });
});
