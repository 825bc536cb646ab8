import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Role } from '../lib/domain/member.ts';
import type { SignedInView } from '../lib/ui/views.ts';
import { t } from '../lib/ui/i18n.ts';
import { orgLocation } from '../lib/ui/org-location.ts';
import { followOrg, orgView, orgViewAsOf, orgViewProblem } from '../lib/ui/org-state.ts';
import { signOutOfServer } from '../lib/ui/server-clients.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { AsOfNote } from './server/AsOfNote.tsx';
import { AddPasskeyButton } from './server/PasskeyButtons.tsx';
import { ServerSignIn } from './server/ServerSignIn.tsx';
import { SignInForm } from './SignInForm.tsx';

/** Shared by popup and options: loading and error states, sign-in, then the page for whoever is signed in (in server mode, "as of" over the replica while the server cannot be reached). */
export function OrgPage({
  children,
  heading,
}: {
  children: (view: SignedInView) => ComponentChildren;
  heading?: (role: Role | undefined) => ComponentChildren;
}) {
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
  const location = orgLocation.value;
  const server = typeof location === 'object' && location.mode === 'server' ? location : undefined;
  if (!view.me) {
    return (
      <>
        {heading?.(undefined)}
        {server ? <ServerSignIn serverUrl={server.serverUrl} /> : <SignInForm firstRun={view.firstRun} />}
      </>
    );
  }
  const me = view.me;
  const asOf = orgViewAsOf.value;
  return (
    <>
      {heading?.(me.role)}
      <div class="signed-in">
        <span data-testid="signed-in-as">
          {t(me.role === 'admin' ? 'common_signedInAdmin' : 'common_signedInUser', me.name)}
        </span>
        {server && <AddPasskeyButton />}
        {/* On a team server the page ends the session itself, as it started it. */}
        <button
          type="button"
          class="link"
          onClick={() => void (server ? signOutOfServer(server.serverUrl) : signOut.run({}))}
        >
          {t('common_signOut')}
        </button>
      </div>
      {asOf !== undefined && <AsOfNote at={asOf} />}
      {children({ ...view, me })}
    </>
  );
}
