import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseClaimHash } from '../../lib/backend/server-url.ts';
import { t } from '../../lib/ui/i18n.ts';
import { followOrgLocation, orgLocation } from '../../lib/ui/org-location.ts';
import { resetOrgView } from '../../lib/ui/org-state.ts';
import { ClaimOrgForm } from '../server/ClaimOrgForm.tsx';
import { ServerSignIn } from '../server/ServerSignIn.tsx';
import { PolicyNotice } from './PolicyNotice.tsx';
import { WhereOrgLives } from './WhereOrgLives.tsx';

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
  useEffect(() => followOrgLocation(), []);
  // Read once, then taken out of the address bar: a one-time token does not belong in the history.
  const [claim] = useState(() => (page === 'options' ? takeClaimFromHash() : undefined));
  const location = orgLocation.value;
  // The session this browser had when the page first read where the org lives: the claim's own sign-in is a new one, and then the org shows.
  const first = useRef<{ token: string | undefined } | undefined>(undefined);
  if (location !== 'loading' && first.current === undefined)
    first.current = { token: location?.mode === 'server' ? location.token : undefined };
  const claimSignedIn =
    claim !== undefined &&
    location !== 'loading' &&
    location?.mode === 'server' &&
    location.serverUrl === claim.serverUrl &&
    location.token !== undefined &&
    location.token !== first.current?.token;
  const key =
    location === 'loading' || location === undefined
      ? String(location)
      : `${location.mode}|${location.mode === 'server' ? location.serverUrl : ''}|${location.mode === 'server' && location.token ? 'in' : 'out'}`;
  // Another member, server or mode: what this page read before must not show.
  useEffect(() => resetOrgView(), [key]);
  const before = (content: ComponentChildren) => (
    <>
      {heading}
      {content}
    </>
  );
  if (location === 'loading') {
    return before(
      <p aria-busy="true" class="loading">
        {t('common_loading')}
      </p>,
    );
  }
  if (claim && !claimSignedIn) return before(<ClaimOrgForm claim={claim} />);
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
  const notice = <PolicyNotice location={location} />;
  if (location.mode === 'server' && !location.token)
    return before(
      <>
        {notice}
        <ServerSignIn serverUrl={location.serverUrl} />
      </>,
    );
  return (
    <>
      {notice}
      {children}
    </>
  );
}

function takeClaimFromHash() {
  const claim = parseClaimHash(window.location.hash);
  if (claim) history.replaceState(null, '', window.location.pathname);
  return claim;
}
