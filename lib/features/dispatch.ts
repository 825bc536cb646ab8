import * as v from 'valibot';
import type { DirectoryCaller } from '../domain/directory.ts';
import type { Member } from '../domain/member.ts';
import { fail, type Result } from '../domain/result.ts';
import { authorize, authorizeDirectory } from './authorize.ts';
import type { Permission, CommandServices, Where } from './command.ts';
import { COMMANDS, type CommandInput, type CommandName, type CommandResult } from './registry.ts';
import { withNamedActivity } from './named-activity.ts';
import type { OrgStore } from './store.ts';

/** How a backend opens its store: reads, and all-or-nothing writes that commit only a success. */
export interface StoreAccess {
  read<T>(work: (store: OrgStore) => Promise<T>): Promise<T>;
  write<T>(work: (store: OrgStore) => Promise<Result<T>>): Promise<Result<T>>;
  /** Who is calling, as this backend proves it (this browser's session, a server's bearer token). */
  actor(store: OrgStore): Promise<Member | undefined>;
  /** The org's directory, when a SCIM token of the org is calling (a team server's SCIM endpoint only). */
  directory?(store: OrgStore): Promise<DirectoryCaller | undefined>;
}

/** Checks an input against its command's schema; the refusal names the field. */
export function parseInput<K extends CommandName>(name: K, input: unknown): Result<CommandInput<K>> {
  const parsed = v.safeParse(COMMANDS[name].input, input, { abortPipeEarly: true });
  if (parsed.success) return { ok: true, value: parsed.output as CommandInput<K> };
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'input';
  return fail('bad-input', `The ${name} command was refused: ${path} ${issue.message}`, path);
}

/** Whether the caller, as this access proves them, is who the command is for, against the stored org. */
export async function callerFor(
  access: StoreAccess,
  who: Permission,
  store: OrgStore,
): Promise<Result<Member | undefined>> {
  return authorize(who, await access.actor(store), await store.org.get());
}

/** Whether the caller is the org's directory (one of its SCIM tokens), as this access proves it. */
export async function directoryFor(access: StoreAccess, store: OrgStore): Promise<Result<DirectoryCaller>> {
  return authorizeDirectory(await access.directory?.(store));
}

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(COMMANDS, name);

/** Whether a command may run where this org lives (its declaration's `where`). */
export const runsIn = (name: CommandName, place: Exclude<Where, 'both'>): boolean =>
  COMMANDS[name].where === 'both' || COMMANDS[name].where === place;

/**
 * Runs one command the same way wherever the org lives: the caller is checked
 * against the command's `who` (again inside the write, against the stored
 * org), the slow part runs outside the transaction, then the body reads,
 * calls its rule and writes in one all-or-nothing unit.
 */
export async function runCommand<K extends CommandName>(
  access: StoreAccess,
  services: CommandServices,
  name: K,
  rawInput: unknown,
): Promise<Result<CommandResult<K>>> {
  const parsed = parseInput(name, rawInput);
  if (!parsed.ok) return parsed;
  // The declarations are checked one by one in registry.ts; here they are one type.
  const command = COMMANDS[name] as unknown as {
    who: Permission;
    writes: boolean;
    prepare?: (input: unknown, ctx: unknown) => Promise<Result<unknown>>;
    run: (input: unknown, ctx: unknown, prepared: unknown) => Promise<Result<CommandResult<K>>>;
  };
  const checked = (store: OrgStore): Promise<Result<Member | DirectoryCaller | undefined>> =>
    command.who === 'directory' ? directoryFor(access, store) : callerFor(access, command.who, store);
  let prepared: unknown;
  if (command.prepare) {
    // Refused before the slow part: a rep's click costs no Marketo call.
    const early = await access.read(checked);
    if (!early.ok) return early;
    const ready = await command.prepare(parsed.value, { services, actor: early.value, read: access.read });
    if (!ready.ok) return ready;
    prepared = ready.value;
  }
  const body = async (store: OrgStore): Promise<Result<CommandResult<K>>> => {
    const allowed = await checked(store);
    if (!allowed.ok) return allowed;
    return command.run(
      parsed.value,
      { store: withNamedActivity(store), actor: allowed.value, now: services.now(), newId: services.newId },
      prepared,
    );
  };
  return command.writes ? access.write(body) : access.read(body);
}
