import type { ProblemCode } from '../domain/problems.ts';
import type { Result } from '../domain/result.ts';
import type { CommandName } from '../features/registry.ts';
import { parseCommandMessage } from './protocol.ts';
import { isOwnPage, type MessageSender } from './sender.ts';

/** Runs one command by name; the input is checked against the registry's schema there. */
export type RunCommand = (name: CommandName, input: unknown) => Promise<Result<unknown>>;

export interface Self {
  id: string;
  origin: string;
}

type Listener = (
  message: unknown,
  sender: MessageSender | undefined,
  sendResponse: (response: unknown) => void,
) => true | undefined;

/**
 * The worker's runtime.onMessage listener: refuses foreign senders and
 * malformed messages before any command runs, answers through sendResponse
 * (which both Chromium and the polyfill honour when the listener returns true).
 */
export function createCommandListener(run: RunCommand, self: Self): Listener {
  const failed = (command: string, error: unknown) => {
    // Names only: an error's text could carry data we must not log.
    console.error(
      `Marketo Access: the ${command} command failed (${error instanceof Error ? error.name : typeof error}).`,
    );
    return refusal(
      'internal',
      'Something went wrong in the extension and nothing was changed: try again, or reload the extension.',
    );
  };
  return (message, sender, sendResponse) => {
    let command = 'unknown';
    try {
      if (!isOwnPage(sender, self.id, self.origin)) {
        sendResponse(refusal('forbidden-sender', 'Only Marketo Access’s own pages may send commands.'));
        return undefined;
      }
      const parsed = parseCommandMessage(message);
      if (!parsed.ok) {
        sendResponse(parsed);
        return undefined;
      }
      command = parsed.value.command;
      run(parsed.value.command, parsed.value.input).then(
        (result) => sendResponse(result.ok ? { ok: true, value: result.value } : { ok: false, error: result.problem }),
        (error: unknown) => sendResponse(failed(command, error)),
      );
      return true;
    } catch (error) {
      // A bug before the command runs still gets an answer: the page must never wait forever.
      sendResponse(failed(command, error));
      return undefined;
    }
  };
}

function refusal(code: ProblemCode, message: string) {
  return { ok: false, error: { code, message } };
}
