import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Role } from '../lib/domain/member.ts';
import type { SignedInView } from '../lib/ui/views.ts';
import { t } from '../lib/ui/i18n.ts';
import { followOrg, orgView, orgViewProblem } from '../lib/ui/org-state.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { SignInForm } from './SignInForm.tsx';


/** Shared by popup and options: loading and error states, sign-in, then the page for whoever is signed in. */
export function OrgPage({ children, heading }: { children: (view: SignedInView) => ComponentChildren; heading?: (role: Role | undefined) => ComponentChildren }) {
  useEffect(() => followOrg(), []);
  const signOut = useCommand('signOut');
  const view = orgView.value;
  if (!view) {
    return (
      <>
        {heading?.(undefined)}
        {orgViewProblem.value ? (
          <ProblemMessage problem={orgViewProblem.value} />
        ) : (
          <p aria-busy="true" class="loading">
            {t('common_loading')}
          </p>
        )}
      </>
    );
  }
  if (!view.me) {
    return (
      <>
        {heading?.(undefined)}
        <SignInForm firstRun={view.firstRun} />
      </>
    );
  }
  const me = view.me;
  return (
    <>
      {heading?.(me.role)}
      <div class="signed-in">
        <span data-testid="signed-in-as">{t(me.role === 'admin' ? 'common_signedInAdmin' : 'common_signedInUser', me.name)}</span>
        <button type="button" class="link" onClick={() => void signOut.run({})}>
          {t('common_signOut')}
        </button>
      </div>
      {children({ ...view, me })}
    </>
  );
}
