import type { Result } from '../domain/result.ts';
import { parseCommandMessage, type CommandInput, type CommandName, type CommandResponse, type CommandResults } from './protocol.ts';
import { isOwnPage, type MessageSender } from './sender.ts';

export type CommandHandlers = {
  [K in CommandName]: (input: CommandInput<K>) => Promise<Result<CommandResults[K]>>;
};

export interface Self {
  id: string;
  origin: string;
}

type Listener = (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => true | undefined;

/**
 * The worker's runtime.onMessage listener: refuses foreign senders and
 * malformed messages before any handler runs, answers through sendResponse
 * (which both Chromium and the polyfill honour when the listener returns true).
 */
export function createCommandListener(handlers: CommandHandlers, self: Self): Listener {
  return (message, sender, sendResponse) => {
    if (!isOwnPage(sender, self.id, self.origin)) {
      sendResponse(refusal('forbidden-sender', 'Only Marketo Access’s own pages may send commands.'));
      return undefined;
    }
    const parsed = parseCommandMessage(message);
    if (!parsed.ok) {
      sendResponse(parsed);
      return undefined;
    }
    const { command, input } = parsed.value;
    const handler = handlers[command] as (input: unknown) => Promise<Result<unknown>>;
    handler(input).then(
      (result) => sendResponse(result.ok ? { ok: true, value: result.value } : { ok: false, error: result.problem }),
      (error: unknown) => {
        // Names only: an error's text could carry data we must not log.
        console.error(`Marketo Access: the ${command} command failed (${error instanceof Error ? error.name : typeof error}).`);
        sendResponse(refusal('internal', 'Something went wrong in the extension and nothing was changed: try again, or reload the extension.'));
      },
    );
    return true;
  };
}

function refusal(code: string, message: string): CommandResponse<CommandName> {
  return { ok: false, error: { code, message } };
}
