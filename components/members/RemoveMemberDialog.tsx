import type { Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

interface Props {
  member: Member;
  /** Whether the member has Marketo access now: removing them removes it too, in the same write. */
  hasAccess: boolean;
  /** The member made the org's Marketo connection: removing them is refused, so the dialog says what to do instead. */
  ownsConnection?: boolean;
  onDone: (removed: boolean) => void;
}

/** Asks before removing a member, naming them and saying what else goes; stays open with the worker's refusal. */
export function RemoveMemberDialog({ member, hasAccess, ownsConnection = false, onDone }: Props) {
  const { run, busy, problem } = useCommand('removeMember');
  if (ownsConnection) {
    // The worker refuses it too (remove-owner); asking to confirm something that cannot happen would only mislead.
    return (
      <ConfirmDialog
        title={t('members_removeOwnerTitle', member.name)}
        confirmLabel={t('members_removeOwnerShowSteps')}
        cancelLabel={t('common_close')}
        onConfirm={() => {
          onDone(false);
          window.location.hash = 'marketo';
        }}
        onCancel={() => onDone(false)}
      >
        <p>{t('members_removeOwnerWhy', member.name)}</p>
        <p>{t('members_removeOwnerInstead', member.name)}</p>
      </ConfirmDialog>
    );
  }
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
