import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { SignedInView } from '../lib/ui/views.ts';
import { t } from '../lib/ui/i18n.ts';
import { followOrg, orgView, orgViewProblem } from '../lib/ui/org-state.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { SignInForm } from './SignInForm.tsx';


/** Shared by popup and options: loading and error states, sign-in, then the page for whoever is signed in. */
export function OrgPage({ children }: { children: (view: SignedInView) => ComponentChildren }) {
  useEffect(() => followOrg(), []);
  const signOut = useCommand('signOut');
  const view = orgView.value;
  if (!view) {
    return orgViewProblem.value ? (
      <ProblemMessage problem={orgViewProblem.value} />
    ) : (
      <p aria-busy="true" class="loading">
        {t('common_loading')}
      </p>
    );
  }
  if (!view.me) return <SignInForm firstRun={view.firstRun} />;
  const me = view.me;
  return (
    <>
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
