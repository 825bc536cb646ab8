import { useState } from 'preact/hooks';
import { writeOrgLocation, type OrgLocation } from '../../lib/backend/settings.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import { serverPolicy } from '../../lib/ui/org-location.ts';
import { requestServerPermission } from '../../lib/ui/server-choice.ts';
import { hostPermissionProblem } from '../../lib/ui/host-permission-wait.ts';
import { HostPermissionWait } from '../HostPermissionWait.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';

/**
 * IT locked the team server by policy, to another place than this browser
 * uses (the policy came, or changed, while the browser ran). Nobody is signed
 * out for it: the notice says so and offers the move, which the person makes.
 */
export function PolicyNotice({ location }: { location: OrgLocation }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const policy = serverPolicy.value;
  if (!policy.locked || !policy.serverUrl) return null;
  if (location.mode === 'server' && location.serverUrl === policy.serverUrl) return null;
  const target = policy.serverUrl;
  const move = async () => {
    setProblem(undefined);
    setBusy(true);
    try {
      const answer = await requestServerPermission(target);
      if (answer !== 'granted') return setProblem(hostPermissionProblem(answer));
      await writeOrgLocation({ mode: 'server', serverUrl: target });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="banner" role="status" data-testid="policy-notice">
      <p>
        {location.mode === 'server'
          ? t('setup_policyMovedServer', target, location.serverUrl)
          : t('setup_policyMovedTrial', target)}
      </p>
      <HostPermissionWait />
      <ProblemMessage problem={problem} />
      <button type="button" disabled={busy} onClick={() => void move()}>
        {t('setup_policyMove')}
      </button>
    </div>
  );
}
