import { useState } from 'preact/hooks';
import { parseClaimLink } from '../../lib/backend/claim-link.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { hostPermissionProblem } from '../../lib/ui/host-permission-wait.ts';
import { t } from '../../lib/ui/i18n.ts';
import { requestServerPermission } from '../../lib/ui/server-choice.ts';
import { serverAuth } from '../../lib/ui/server-clients.ts';
import { HostPermissionWait } from '../HostPermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { ServerSignIn } from '../server/ServerSignIn.tsx';

const BAD_LINK: Problem = {
  code: 'claim-invalid',
  message: 'Paste the whole owner link the team server printed.',
  field: 'ownerLink',
};

/**
 * Trial mode: "Move this org to a team server". The owner link the server
 * printed, the org's name there; then this browser's org is exported, the
 * server imports it as a new org, and the owner signs in there with an
 * emailed code (which switches this browser to the server). Until then,
 * and whatever fails, the trial here stays as it was.
 */
export function MoveOrgPanel() {
  const [link, setLink] = useState('');
  const [orgName, setOrgName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [moved, setMoved] = useState<{ serverUrl: string; email: string } | undefined>(undefined);
  if (moved)
    return (
      <section class="card" aria-labelledby="move-title">
        <h3 id="move-title">{t('move_title')}</h3>
        <p role="status" data-testid="move-done">
          {t('move_done', moved.serverUrl, moved.email)}
        </p>
        <ServerSignIn serverUrl={moved.serverUrl} sentTo={moved.email} />
      </section>
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    const claim = parseClaimLink(link);
    if (!claim) return setProblem(BAD_LINK);
    setBusy(true);
    try {
      // The first await of the click: the browser asks the person for the server's host.
      const answer = await requestServerPermission(claim.serverUrl);
      if (answer !== 'granted') return setProblem(hostPermissionProblem(answer, 'ownerLink'));
      const exported = await sendCommand('exportOrg', {});
      if (!exported.ok) return setProblem(exported.error);
      const auth = serverAuth(claim.serverUrl);
      const imported = await auth.importOrg({ token: claim.token, orgName, file: exported.value });
      if (!imported.ok) return setProblem(imported.problem);
      const sent = await auth.requestCode(imported.value.email);
      // The org is on the server either way: without a code now, the sign-in form asks for one again.
      setMoved({ serverUrl: claim.serverUrl, email: sent.ok ? sent.value : imported.value.email });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="move-title" noValidate onSubmit={(e) => void submit(e)}>
      <h3 id="move-title">{t('move_title')}</h3>
      <p class="hint" id="move-hint">
        {t('move_hint')}
      </p>
      <label>
        {t('move_link')}
        <input
          name="ownerLink"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="https://access.example.com/claim#…"
          aria-describedby="move-hint"
          aria-invalid={problem?.field === 'ownerLink'}
          value={link}
          onInput={(e) => setLink(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('move_orgName')}
        <input
          name="orgName"
          autoComplete="organization"
          aria-invalid={problem?.field === 'orgName'}
          value={orgName}
          onInput={(e) => setOrgName(e.currentTarget.value)}
          required
        />
      </label>
      <HostPermissionWait />
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? t('move_busy') : t('move_submit')}
      </button>
    </form>
  );
}
