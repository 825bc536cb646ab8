import { useMemo, useState } from 'preact/hooks';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import type { AdminView } from '../../lib/ui/views.ts';
import { t, uiLocale } from '../../lib/ui/i18n.ts';
import { EditMemberForm } from './EditMemberForm.tsx';
import { MemberRow } from './MemberRow.tsx';
import { RemoveMemberDialog } from './RemoveMemberDialog.tsx';

const COLUMNS = 6;

/** The members, by name: change a member's role and teams in place, or remove them after a confirmation. */
export function MemberTable({ view }: { view: AdminView }) {
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const members = useMemo(() => {
    const collator = new Intl.Collator(uiLocale(), { sensitivity: 'base' });
    return [...view.members].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email));
  }, [view.members]);
  const withAccess = new Set(view.grants.map((g) => g.memberId));
  const toRemove = view.members.find((m) => m.id === removing);

  const stopEditing = (memberId: string) => {
    setEditing(undefined);
    // Back to the button that opened the editor, for keyboard users.
    requestAnimationFrame(() => document.getElementById(`edit-${memberId}`)?.focus());
  };

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title" tabIndex={-1}>
        {t('members_membersTitle')}
      </h2>
      {members.length === 0 ? (
        <p>{t('members_noMembers')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('members_colName')}</th>
              <th scope="col">{t('members_colEmail')}</th>
              <th scope="col">{t('members_colRole')}</th>
              <th scope="col">{t('members_colTeams')}</th>
              <th scope="col">{t('members_colStatus')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('members_colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const isMe = member.id === view.me.id;
              return [
                <MemberRow
                  key={member.id}
                  member={member}
                  isMe={isMe}
                  onEdit={() => setEditing(member.id)}
                  onRemove={() => setRemoving(member.id)}
                />,
                editing === member.id && (
                  <tr key={`${member.id}-edit`}>
                    <td colSpan={COLUMNS}>
                      <EditMemberForm
                        member={member}
                        isMe={isMe}
                        others={view.members.filter((m) => m.id !== member.id)}
                        onDone={() => stopEditing(member.id)}
                      />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      {toRemove && (
        <RemoveMemberDialog
          member={toRemove}
          hasAccess={withAccess.has(toRemove.id)}
          ownsConnection={connectionOf(view.org)?.ownerId === toRemove.id}
          onDone={(removed) => {
            setRemoving(undefined);
            // The row is gone: land on the list's heading rather than nowhere.
            if (removed) requestAnimationFrame(() => document.getElementById('members-title')?.focus());
          }}
        />
      )}
    </section>
  );
}
