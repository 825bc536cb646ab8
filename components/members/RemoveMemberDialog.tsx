import type { Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

interface Props {
  member: Member;
  /** Whether the member has Marketo access now: removing them removes it too, in the same write. */
  hasAccess: boolean;
  onDone: (removed: boolean) => void;
}

/** Asks before removing a member, naming them and saying what else goes; stays open with the worker's refusal. */
export function RemoveMemberDialog({ member, hasAccess, onDone }: Props) {
  const { run, busy, problem } = useCommand('removeMember');
  return (
    <ConfirmDialog
      title={t('members_removeTitle', member.name)}
      confirmLabel={t('members_removeConfirm', member.name)}
      cancelLabel={t('members_keep')}
      danger
      busy={busy}
      problem={problem}
      onConfirm={async () => (await run({ memberId: member.id })) && onDone(true)}
      onCancel={() => onDone(false)}
    >
      <p>
        {t('members_removeWho', member.name, member.email)}{' '}
        {hasAccess ? t('members_removeWithAccess') : t('members_removeNoAccess')}
      </p>
    </ConfirmDialog>
  );
}
