import { useState } from 'preact/hooks';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import { requestServerPermission } from '../../lib/ui/server-choice.ts';
import { serverAuth } from '../../lib/ui/server-clients.ts';
import { hostPermissionProblem } from '../../lib/ui/host-permission-wait.ts';
import { HostPermissionWait } from '../HostPermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { WorkEmailField } from '../WorkEmailField.tsx';
import { ServerSignIn } from './ServerSignIn.tsx';

/**
 * The first admin's one-time link (the owner link), printed by the server on its first start:
 * creates the org and its owner member, then the owner signs in with the code
 * the server emails. Nobody is owner for being first in a browser.
 */
export function ClaimOrgForm({ claim }: { claim: { serverUrl: string; token: string } }) {
  const [orgName, setOrgName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  if (sentTo) return <ServerSignIn serverUrl={claim.serverUrl} sentTo={sentTo} />;

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    setBusy(true);
    try {
      // The first await of the click: the browser asks the person for the server's host.
      const answer = await requestServerPermission(claim.serverUrl);
      if (answer !== 'granted') return setProblem(hostPermissionProblem(answer));
      const auth = serverAuth(claim.serverUrl);
      const claimed = await auth.claim({ token: claim.token, orgName, name, email });
      if (!claimed.ok) return setProblem(claimed.problem);
      const sent = await auth.requestCode(email);
      if (!sent.ok) return setProblem(sent.problem);
      setSentTo(sent.value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="claim-title" onSubmit={(e) => void submit(e)}>
      <h2 id="claim-title">{t('claim_title')}</h2>
      <p>{t('claim_hint', claim.serverUrl)}</p>
      <label>
        {t('claim_orgName')}
        <input
          name="orgName"
          autoComplete="organization"
          value={orgName}
          aria-invalid={problem?.field === 'orgName'}
          onInput={(e) => setOrgName(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('common_name')}
        <input
          name="name"
          autoComplete="name"
          value={name}
          aria-invalid={problem?.field === 'name'}
          onInput={(e) => setName(e.currentTarget.value)}
          required
        />
      </label>
      <WorkEmailField value={email} onInput={setEmail} invalid={problem?.field === 'email'} />
      <HostPermissionWait />
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? t('signin_busy') : t('claim_submit')}
      </button>
    </form>
  );
}
