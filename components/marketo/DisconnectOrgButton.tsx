import { useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

/**
 * The owner: every member loses access with the connection, so it asks first.
 * The old owner after a handover: the same button ends the handover, and says
 * that members keep their access.
 */
export function DisconnectOrgButton({ endsHandover = false }: { endsHandover?: boolean }) {
  const { run, busy, problem } = useCommand('disconnectOrg');
  const [asking, setAsking] = useState(false);
  return (
    <div>
      <button type="button" class="secondary danger" disabled={busy} onClick={() => setAsking(true)}>
        {t('marketo_disconnect')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('marketo_disconnectTitle')}
          confirmLabel={t('marketo_disconnect')}
          danger
          busy={busy}
          problem={problem}
          onConfirm={async () => (await run({})) && setAsking(false)}
          onCancel={() => setAsking(false)}
        >
          <p>{endsHandover ? t('marketo_endHandoverBody') : t('marketo_disconnectBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
