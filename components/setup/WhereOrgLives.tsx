import { useState } from 'preact/hooks';
import { parseClaimLink } from '../../lib/backend/claim-link.ts';
import { parseServerUrl } from '../../lib/backend/server-url.ts';
import { writeOrgLocation } from '../../lib/backend/settings.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import { serverPolicy } from '../../lib/ui/org-location.ts';
import { requestServerPermission } from '../../lib/ui/server-choice.ts';
import { hostPermissionProblem } from '../../lib/ui/host-permission-wait.ts';
import { HostPermissionWait } from '../HostPermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { ClaimOrgForm } from '../server/ClaimOrgForm.tsx';

/**
 * The first run's question: where does the org live? On the team server (its
 * address, prefilled by the IT admin's policy) or in this browser only, a
 * trial whose roles nothing protects. The owner's printed link is accepted
 * in the address field too.
 */
export function WhereOrgLives() {
  const [mode, setMode] = useState<'server' | 'trial'>('server');
  const [address, setAddress] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [claim, setClaim] = useState<{ serverUrl: string; token: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const policy = serverPolicy.value;
  // A locked policy leaves one answer: its server. An unlocked one prefills until the person types (and follows IT's
  // changes until then: the signal is live).
  const locked = policy.locked && policy.serverUrl !== undefined;
  const shown = locked ? policy.serverUrl! : (address ?? policy.serverUrl ?? '');
  const chosen = locked ? 'server' : mode;
  if (claim) return <ClaimOrgForm claim={claim} />;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    if (chosen === 'trial') return writeOrgLocation({ mode: 'trial' });
    const link = parseClaimLink(shown);
    if (link) return setClaim(link);
    const url = parseServerUrl(shown);
    if (!url.ok) return setProblem(url.problem);
    setBusy(true);
    try {
      // The first await of the click: the browser asks the person for this one host.
      const answer = await requestServerPermission(url.value);
      if (answer !== 'granted') return setProblem(hostPermissionProblem(answer, 'serverUrl'));
      await writeOrgLocation({ mode: 'server', serverUrl: url.value });
    } finally {
      setBusy(false);
    }
  };

  return (
    // noValidate: our own message, in the page’s language, says what is wrong with the address.
    <form class="card" aria-labelledby="where-title" noValidate onSubmit={(e) => void submit(e)}>
      <h2 id="where-title">{t('setup_title')}</h2>
      <fieldset>
        <legend>{t('setup_question')}</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="server"
            checked={chosen === 'server'}
            onChange={() => setMode('server')}
          />{' '}
          {t('setup_server')}
        </label>
        <p class="hint" id="server-hint">
          {t('setup_serverHint')}
        </p>
        {chosen === 'server' && (
          <label>
            {t('setup_serverUrl')}
            <input
              name="serverUrl"
              type="url"
              inputMode="url"
              autoComplete="url"
              placeholder="https://access.example.com"
              aria-describedby="server-hint"
              aria-invalid={problem?.field === 'serverUrl'}
              value={shown}
              readOnly={locked}
              onInput={(e) => setAddress(e.currentTarget.value)}
              required
            />
          </label>
        )}
        {policy.serverUrl && (
          <p class="hint" data-testid="policy-note">
            {locked ? t('setup_policyLocked') : t('setup_policyPreset')}
          </p>
        )}
        {/* Locked by IT: the org lives on its server, so the trial is not offered. */}
        {!locked && (
          <>
            <label>
              <input
                type="radio"
                name="mode"
                value="trial"
                checked={chosen === 'trial'}
                onChange={() => setMode('trial')}
              />{' '}
              {t('setup_trial')}
            </label>
            <p class="hint">{t('setup_trialHint')}</p>
          </>
        )}
      </fieldset>
      <HostPermissionWait />
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {chosen === 'server' ? t('setup_useServer') : t('setup_useTrial')}
      </button>
    </form>
  );
}
