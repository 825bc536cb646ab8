import { useEffect, useRef } from 'preact/hooks';
import type { Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { translated } from '../../lib/ui/problem-text.ts';

interface Props {
  member: Member;
  /** Whether the member has Marketo access now: removing them removes it too, in the same write. */
  connected: boolean;
  onDone: (removed: boolean) => void;
}

/**
 * Asks before removing a member, naming them and saying what else goes. A
 * modal <dialog>: the browser keeps focus inside and Escape cancels.
 */
export function RemoveMemberDialog({ member, connected, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const { run, busy, problem } = useCommand('removeMember');
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // No close() on unmount: a dialog taken out of the page closes itself, and close() would report a cancel.
  }, []);

  return (
    <dialog ref={dialog} aria-labelledby="remove-title" aria-describedby="remove-consequence" onClose={() => onDone(false)}>
      <h3 id="remove-title">{t('team_removeTitle', member.name)}</h3>
      <p id="remove-consequence">
        {t('team_removeWho', member.name, member.email)} {connected ? t('team_removeWithAccess') : t('team_removeNoAccess')}
      </p>
      <ProblemMessage problem={translated(problem)} />
      <div class="actions">
        <button type="button" class="secondary danger" disabled={busy} onClick={async () => (await run({ memberId: member.id })) && onDone(true)}>
          {t('team_removeConfirm', member.name)}
        </button>
        <button type="button" class="secondary" autofocus onClick={() => onDone(false)}>
          {t('team_keep')}
        </button>
      </div>
    </dialog>
  );
}
