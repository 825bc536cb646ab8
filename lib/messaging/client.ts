import { browser } from 'wxt/browser';
import { CHANNEL } from './channel.ts';
import type { CommandInput, CommandMessage, CommandName, CommandResponse } from './protocol.ts';

let inFlight = 0;
let idle: (() => void)[] = [];

/**
 * Resolves once this page has no command waiting for the worker's answer:
 * a change notice for the page's own write then finds its answer already
 * kept by the worker, and costs no read.
 */
export function whenIdle(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
}

/** Sends one command to the worker. A worker that cannot be reached becomes an error a person can read. */
export async function sendCommand<K extends CommandName>(
  command: K,
  input: CommandInput<K>,
): Promise<CommandResponse<K>> {
  const message: CommandMessage<K> = { channel: CHANNEL, command, input };
  inFlight++;
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
  } finally {
    if (--inFlight === 0) {
      const waiting = idle;
      idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
