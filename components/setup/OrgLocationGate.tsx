import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/ui/i18n.ts';
import { followOrgLocation, orgLocation, serverPolicy } from '../../lib/ui/org-location.ts';
import { resetOrgView } from '../../lib/ui/org-state.ts';
import { lazy } from '../Lazy.tsx';

// Shown on a first run, a claim link or a sign-in only: each loads when it is shown.
const ClaimOrgForm = lazy(() => import('../server/ClaimOrgForm.tsx').then((m) => m.ClaimOrgForm));
const ServerSignIn = lazy(() => import('../server/ServerSignIn.tsx').then((m) => m.ServerSignIn));
// A person in several orgs of the server, choosing one.
const OrgChooser = lazy(() => import('../server/OrgChooser.tsx').then((m) => m.OrgChooser));
const WhereOrgLives = lazy(() => import('./WhereOrgLives.tsx').then((m) => m.WhereOrgLives));
// IT's lock to another place than this browser uses: shown when a policy locks the team server.
const PolicyNotice = lazy(() => import('./PolicyNotice.tsx').then((m) => m.PolicyNotice));

/**
 * Before the org's pages: where the org lives (asked once, on the options
 * page), the owner's claim link, and the team server's sign-in. The popup
 * sends a first run to the options page, which has room for the question.
 */
export function OrgLocationGate({
  page,
  heading,
  children,
}: {
  page: 'options' | 'popup';
  heading?: ComponentChildren;
  children: ComponentChildren;
}) {
  // Before the first paint, not a frame after it: until this read answers, the page can only say "Loading".
  useLayoutEffect(() => followOrgLocation(), []);
  // Read once, then taken out of the address bar: a one-time token does not belong in the history.
  const [claim, setClaim] = useState<Claim | 'reading' | undefined>(() =>
    page === 'options' && window.location.hash.includes('claim=') ? 'reading' : undefined,
  );
  useEffect(() => {
    if (claim === 'reading') void takeClaimFromHash().then(setClaim);
  }, []);
  const location = orgLocation.value;
  // The session this browser had when the page first read where the org lives: the claim's own sign-in is a new one, and then the org shows.
  const first = useRef<{ token: string | undefined } | undefined>(undefined);
  if (location !== 'loading' && first.current === undefined)
    first.current = { token: location?.mode === 'server' ? location.token : undefined };
  const claimSignedIn =
    typeof claim === 'object' &&
    location !== 'loading' &&
    location?.mode === 'server' &&
    location.serverUrl === claim.serverUrl &&
    location.token !== undefined &&
    location.token !== first.current?.token;
  const key =
    location === 'loading' || location === undefined
      ? String(location)
      : `${location.mode}|${location.mode === 'server' ? location.serverUrl : ''}|${location.mode === 'server' && location.token ? `in|${location.orgId ?? ''}` : 'out'}`;
  // Another member (another org's membership too), server or mode: what this page read before must not show. The first answer
  // (after 'loading') replaces nothing, and keeps the first screen the page read meanwhile.
  const shownFor = useRef<string | undefined>(undefined);
  // In the same commit as the org's page starts following (its useLayoutEffect runs first): after the first
  // paint, this reset could wipe what that page had already read for the new key.
  useLayoutEffect(() => {
    if (shownFor.current !== undefined && shownFor.current !== 'loading') resetOrgView();
    shownFor.current = key;
  }, [key]);
  const before = (content: ComponentChildren) => (
    <>
      {heading}
      {content}
    </>
  );
  if (location === 'loading' || claim === 'reading') {
    return before(
      <p aria-busy="true" class="loading">
        {t('common_loading')}
      </p>,
    );
  }
  if (typeof claim === 'object' && !claimSignedIn) return before(<ClaimOrgForm claim={claim} />);
  if (location === undefined) {
    return before(
      page === 'options' ? (
        <WhereOrgLives />
      ) : (
        <p class="card">
          {t('setup_popupFirstRun')}{' '}
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
            {t('setup_popupOpenSettings')}
          </a>
        </p>
      ),
    );
  }
  const notice = serverPolicy.value.locked ? <PolicyNotice location={location} /> : null;
  if (location.mode === 'server' && !location.token)
    return before(
      <>
        {notice}
        <ServerSignIn serverUrl={location.serverUrl} />
      </>,
    );
  if (location.mode === 'server' && location.choose)
    return before(
      <>
        {notice}
        <OrgChooser location={location} />
      </>,
    );
  return (
    <>
      {notice}
      {/* Keyed by where the org lives and who is signed in: a page following the trial does not go on showing it
          once this browser moves to a team server (a moved org's owner signs in straight from the trial). */}
      <Fragment key={key}>{children}</Fragment>
    </>
  );
}

type Claim = { serverUrl: string; token: string };

/** The owner's link as the options page was opened with it; its parser loads only then. */
async function takeClaimFromHash(): Promise<Claim | undefined> {
  const { parseClaimHash } = await import('../../lib/backend/claim-link.ts');
  const claim = parseClaimHash(window.location.hash);
  if (claim) history.replaceState(null, '', window.location.pathname);
  return claim;
}
