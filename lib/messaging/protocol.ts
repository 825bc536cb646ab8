import type { Problem } from '../domain/result.ts';
import { isCommandName } from '../features/dispatch.ts';
import type { CommandInput, CommandName, CommandResult } from '../features/registry.ts';
import { CHANNEL } from './channel.ts';

/**
 * The envelope between the pages and the worker. What each command takes and
 * answers is declared once, in lib/features/registry.ts; the worker checks the
 * input against that schema before anything runs.
 */
export type { CommandInput, CommandName, CommandResult };
export { CHANNEL };

export interface CommandMessage<K extends CommandName = CommandName> {
  channel: typeof CHANNEL;
  command: K;
  input: CommandInput<K>;
}

export type CommandResponse<K extends CommandName> =
  { ok: true; value: CommandResult<K> } | { ok: false; error: Problem };

/** Checks the envelope: ours, and a command the registry knows. The input is checked by the dispatcher. */
export function parseCommandMessage(
  message: unknown,
): { ok: true; value: { command: CommandName; input: unknown } } | { ok: false; error: Problem } {
  if (typeof message !== 'object' || message === null || (message as { channel?: unknown }).channel !== CHANNEL) {
    return { ok: false, error: { code: 'bad-message', message: 'Not a Marketo Access command.' } };
  }
  const { command, input } = message as { command?: unknown; input?: unknown };
  if (!isCommandName(command)) {
    // Never String(command): an object's own toString may be missing or throw.
    const shown = typeof command === 'string' ? command.slice(0, 40) : typeof command;
    return { ok: false, error: { code: 'unknown-command', message: `Unknown command "${shown}".` } };
  }
  return { ok: true, value: { command, input } };
}
