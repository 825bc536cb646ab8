import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { OrgView } from '../lib/backend/port.ts';
import { followOrg, orgView, orgViewProblem } from '../lib/ui/org-state.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { SignInForm } from './SignInForm.tsx';
import { useCommand } from '../lib/ui/use-command.ts';

/** Shared by popup and options: loading and error states, sign-in, then the page for the signed-in member. */
export function OrgPage({ children }: { children: (view: OrgView & { me: NonNullable<OrgView['me']> }) => ComponentChildren }) {
  useEffect(() => followOrg(), []);
  const signOut = useCommand('signOut');
  const view = orgView.value;
  if (!view) {
    return orgViewProblem.value ? <ProblemMessage problem={orgViewProblem.value} /> : <p aria-busy="true">Loading…</p>;
  }
  if (!view.me) return <SignInForm firstRun={view.firstRun} />;
  const me = view.me;
  return (
    <>
      <header class="signed-in">
        <span data-testid="signed-in-as">
          {me.name} ({me.role === 'admin' ? 'Admin' : 'User'})
        </span>
        <button type="button" class="link" onClick={() => void signOut.run({})}>
          Sign out
        </button>
      </header>
      {children({ ...view, me })}
    </>
  );
}
