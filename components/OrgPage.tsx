import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type { Role } from '../lib/domain/member.ts';
import type { SignedInView } from '../lib/ui/views.ts';
import { t } from '../lib/ui/i18n.ts';
import { orgLocation } from '../lib/ui/org-location.ts';
import { followOrg, orgView, orgViewAsOf, orgViewProblem } from '../lib/ui/org-state.ts';
import { sendCommand } from '../lib/messaging/client.ts';
import { lazy } from './Lazy.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

// Signed out, or on a team server: loaded when shown, so a signed-in trial opening carries none of it.
const AsOfNote = lazy(() => import('./server/AsOfNote.tsx').then((m) => m.AsOfNote), { quiet: true });
const AddPasskeyButton = lazy(() => import('./server/PasskeyButtons.tsx').then((m) => m.AddPasskeyButton));
// A person in several orgs of the server only.
const OrgSwitch = lazy(() => import('./server/OrgSwitch.tsx').then((m) => m.OrgSwitch));
const ServerSignIn = lazy(() => import('./server/ServerSignIn.tsx').then((m) => m.ServerSignIn));
const SignInForm = lazy(() => import('./SignInForm.tsx').then((m) => m.SignInForm));
/** Ends the session on the team server, then here; the sign-in client loads with the click. */
const signOutOfServer = (serverUrl: string) =>
  import('../lib/ui/server-clients.ts').then((m) => m.signOutOfServer(serverUrl));

/** Shared by popup and options: loading and error states, sign-in, then the page for whoever is signed in (in server mode, "as of" over the replica while the server cannot be reached). */
export function OrgPage({
  children,
  heading,
}: {
  children: (view: SignedInView) => ComponentChildren;
  heading?: (role: Role | undefined) => ComponentChildren;
}) {
  // Started before the first paint (a useEffect waits for a frame): on a team server the rows come from it.
  useLayoutEffect(() => {
    const known = orgLocation.value;
    return followOrg(typeof known === 'object' ? known : undefined);
  }, []);
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
        {server && (server.orgs?.length ?? 0) > 1 && <OrgSwitch location={server} />}
        {server && <AddPasskeyButton />}
        {/* On a team server the page ends the session itself, as it started it. */}
        <button
          type="button"
          class="link"
          onClick={() => void (server ? signOutOfServer(server.serverUrl) : sendCommand('signOut', {}))}
        >
          {t('common_signOut')}
        </button>
      </div>
      {asOf !== undefined && <AsOfNote at={asOf} />}
      {children({ ...view, me })}
    </>
  );
}
