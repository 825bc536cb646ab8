import type { Workspace } from '../../lib/domain/workspace.ts';
import { t, tp } from '../../lib/ui/i18n.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

export type AccessAction = 'grant' | 'change' | 'remove';

interface Props {
  action: AccessAction;
  /** How many members the action will change. */
  count: number;
  /** The workspaces chosen for a grant or a change, by name. */
  workspaces: readonly Workspace[];
  onConfirm: () => void;
  onCancel: () => void;
}

/** The workspaces as a reader names them; none chosen is Marketo's Default. */
const workspaceList = (workspaces: readonly Workspace[]) =>
  workspaces.length === 0 ? t('access_defaultWorkspace') : workspaces.map((w) => w.name).join(', ');

/**
 * Asks once before an access change, naming how many members and which
 * workspaces. A grant says that workspaces are set once: changing them later
 * means removing access and granting it again.
 */
export function AccessConfirm({ action, count, workspaces, onConfirm, onCancel }: Props) {
  if (action === 'grant') {
    return (
      <ConfirmDialog
        title={t('access_grantConfirmTitle')}
        confirmLabel={t('access_grantConfirmButton')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>{tp('access_grantConfirm', count, count, workspaceList(workspaces))}</p>
        <p>{t('access_grantConfirmOnce')}</p>
      </ConfirmDialog>
    );
  }
  if (action === 'change') {
    return (
      <ConfirmDialog
        title={t('access_changeConfirmTitle')}
        confirmLabel={t('access_changeConfirmButton')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>{tp('access_changeConfirm', count, count, workspaceList(workspaces))}</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={t('access_removeConfirmTitle')}
      confirmLabel={t('access_removeConfirmButton')}
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{tp('access_removeConfirm', count, count)}</p>
    </ConfirmDialog>
  );
}
