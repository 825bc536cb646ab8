import { useState } from 'preact/hooks';
import type { Problem } from '../domain/result.ts';
import { sendCommand } from '../messaging/client.ts';
import type { CommandInput, CommandName, CommandResult } from '../messaging/protocol.ts';

/** Sends a command from a form: tracks busy and the worker's refusal, returns the result on success. */
export function useCommand<K extends CommandName>(command: K) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const run = async (input: CommandInput<K>): Promise<CommandResult<K> | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await sendCommand(command, input);
      if (response.ok) return response.value;
      setProblem(response.error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, problem };
}
