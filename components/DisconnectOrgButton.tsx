import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/** Owner only: every member loses access with the connection, so it asks first. */
export function DisconnectOrgButton() {
  const { run, busy, problem } = useCommand('disconnectOrg');
  return (
    <div>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          if (confirm('Disconnect the org from Marketo? Every member loses Marketo access.')) void run({});
        }}
      >
        Disconnect the org
      </button>
      <ProblemMessage problem={problem} />
    </div>
  );
}
