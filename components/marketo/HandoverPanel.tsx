import type { Member } from '../../lib/domain/member.ts';
import type { OrgConnection } from '../../lib/domain/org-connection.ts';
import { handoverProgress } from '../../lib/features/org/rules.ts';
import { t } from '../../lib/ui/i18n.ts';

type StepState = 'done' | 'now' | 'later';

/**
 * The handover of the org connection as three ordered steps (DOMAIN rule 8):
 * which step it is at, who acts at each one, and whether it is this admin's
 * turn. Read from the stored connection, so every admin sees the same.
 */
export function HandoverPanel({
  connection,
  members,
  me,
}: {
  connection: OrgConnection;
  members: readonly Member[];
  me: Member;
}) {
  const progress = handoverProgress(connection);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? t('handover_formerMember');
  const names = (ids: readonly string[]) => ids.map(nameOf).join(', ');
  const newAdmins = progress.step === 2 ? progress.newAdminIds : progress.step === 3 ? [progress.ownerId] : [];
  const oldOwner = progress.step === 3 ? progress.previousOwnerId : progress.ownerId;
  const steps: { text: string; actors: string[] }[] = [
    { text: t('handover_step1', nameOf(oldOwner)), actors: [oldOwner] },
    {
      text: newAdmins.length > 0 ? t('handover_step2', names(newAdmins)) : t('handover_step2Anyone'),
      actors: newAdmins,
    },
    { text: t('handover_step3', nameOf(oldOwner)), actors: [oldOwner] },
  ];
  const stateOf = (index: number): StepState =>
    index + 1 < progress.step ? 'done' : index + 1 === progress.step ? 'now' : 'later';
  return (
    <section class="card handover" aria-labelledby="handover-title" data-testid="handover">
      <h3 id="handover-title">{t('handover_title')}</h3>
      <p class="hint">{t('handover_intro', nameOf(connection.ownerId))}</p>
      <ol class="steps">
        {steps.map((step, index) => {
          const state = stateOf(index);
          const mine = state === 'now' && step.actors.includes(me.id);
          return (
            <li
              key={index}
              class={`step ${state}`}
              data-state={state}
              aria-current={state === 'now' ? 'step' : undefined}
            >
              <span class="step-state">
                {state === 'done'
                  ? t('handover_done')
                  : state === 'later'
                    ? t('handover_later')
                    : mine
                      ? t('handover_yourTurn')
                      : step.actors.length > 0
                        ? t('handover_waitingFor', names(step.actors))
                        : t('handover_now')}
              </span>{' '}
              {step.text}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
