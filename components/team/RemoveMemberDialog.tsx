import type { Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

interface Props {
  member: Member;
  /** Whether the member has Marketo access now: removing them removes it too, in the same write. */
  connected: boolean;
  /** The member made the org's Marketo connection: removing them is refused, so the dialog says what to do instead. */
  ownsConnection?: boolean;
  onDone: (removed: boolean) => void;
}

/** Asks before removing a member, naming them and saying what else goes; stays open with the worker's refusal. */
export function RemoveMemberDialog({ member, connected, ownsConnection = false, onDone }: Props) {
  const { run, busy, problem } = useCommand('removeMember');
  if (ownsConnection) {
    // The worker refuses it too (remove-owner); asking to confirm something that cannot happen would only mislead.
    return (
      <ConfirmDialog
        title={t('team_removeOwnerTitle', member.name)}
        confirmLabel={t('team_removeOwnerShowSteps')}
        cancelLabel={t('common_close')}
        onConfirm={() => {
          onDone(false);
          window.location.hash = 'marketo';
        }}
        onCancel={() => onDone(false)}
      >
        <p>{t('team_removeOwnerWhy', member.name)}</p>
        <p>{t('team_removeOwnerInstead', member.name)}</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={t('team_removeTitle', member.name)}
      confirmLabel={t('team_removeConfirm', member.name)}
      cancelLabel={t('team_keep')}
      danger
      busy={busy}
      problem={problem}
      onConfirm={async () => (await run({ memberId: member.id })) && onDone(true)}
      onCancel={() => onDone(false)}
    >
      <p>
        {t('team_removeWho', member.name, member.email)}{' '}
        {connected ? t('team_removeWithAccess') : t('team_removeNoAccess')}
      </p>
    </ConfirmDialog>
  );
}
