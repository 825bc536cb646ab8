import { browser } from 'wxt/browser';
import { CHANNEL } from './channel.ts';
import type { CommandInput, CommandMessage, CommandName, CommandResponse } from './protocol.ts';

/** Sends one command to the worker. A worker that cannot be reached becomes an error a person can read. */
export async function sendCommand<K extends CommandName>(
  command: K,
  input: CommandInput<K>,
): Promise<CommandResponse<K>> {
  const message: CommandMessage<K> = { channel: CHANNEL, command, input };
  try {
    const response = (await browser.runtime.sendMessage(message)) as CommandResponse<K> | undefined;
    return (
      response ?? {
        ok: false,
        error: { code: 'no-answer', message: 'The extension’s background worker did not answer: reload the page.' },
      }
    );
  } catch {
    return {
      ok: false,
      error: {
        code: 'no-answer',
        message: 'The extension’s background worker could not be reached: reload the page, or the extension.',
      },
    };
  }
}
