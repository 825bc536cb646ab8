import type { Workspace } from '../../lib/domain/workspace.ts';
import { t, tp } from '../../lib/ui/i18n.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

export type AccessAction = 'grant' | 'change' | 'remove';

interface Props {
  action: AccessAction;
  /** How many members the action will change. */
  count: number;
  /** Their names, so the admin sees who, not only how many. */
  names: readonly string[];
  /** The workspaces chosen for a grant or a change, by name. */
  workspaces: readonly Workspace[];
  onConfirm: () => void;
  onCancel: () => void;
}

/** How many names the dialog lists before saying how many more. */
const SHOWN_NAMES = 12;

/** The members an action changes, by name: the first twelve, then how many more. */
function MemberNames({ names }: { names: readonly string[] }) {
  return (
    <ul class="member-names" data-testid="confirm-names">
      {names.slice(0, SHOWN_NAMES).map((name, i) => (
        <li key={i}>{name}</li>
      ))}
      {names.length > SHOWN_NAMES && <li>{t('access_andMoreMembers', names.length - SHOWN_NAMES)}</li>}
    </ul>
  );
}

/** The workspaces as a reader names them; none chosen is Marketo's Default. */
const workspaceList = (workspaces: readonly Workspace[]) =>
  workspaces.length === 0 ? t('access_defaultWorkspace') : workspaces.map((w) => w.name).join(', ');

/**
 * Asks once before an access change, naming how many members and which
 * workspaces. A grant says that workspaces are set once: changing them later
 * means removing access and granting it again.
 */
export function AccessConfirm({ action, count, names, workspaces, onConfirm, onCancel }: Props) {
  const who = <MemberNames names={names} />;
  if (action === 'grant') {
    return (
      <ConfirmDialog
        title={t('access_grantConfirmTitle')}
        confirmLabel={t('access_grantConfirmButton')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>{tp('access_grantConfirm', count, count, workspaceList(workspaces))}</p>
        {who}
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
        {who}
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
      {who}
    </ConfirmDialog>
  );
}
