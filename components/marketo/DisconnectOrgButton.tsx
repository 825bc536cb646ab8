import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

/** Owner only: every member loses access with the connection, so it asks first. */
export function DisconnectOrgButton() {
  const { run, busy, problem } = useCommand('disconnectOrg');
  return (
    <div>
      <button
        type="button"
        class="secondary danger"
        disabled={busy}
        onClick={() => {
          if (confirm(t('marketo_disconnectConfirm'))) void run({});
        }}
      >
        {t('marketo_disconnect')}
      </button>
      <ProblemMessage problem={problem} />
    </div>
  );
}
