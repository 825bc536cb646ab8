import { useState } from 'preact/hooks';
import type { ServerLocation } from '../../lib/backend/settings.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import { chooseOrg, keepOrg } from '../../lib/ui/server-sign-in.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

/**
 * A person in several orgs of one team server chooses where to work: after
 * signing in (with none remembered), or from the org switch. Choosing
 * another org than the session's is a new session for that membership; the
 * choice is remembered for this server.
 */
export function OrgChooser({ location }: { location: ServerLocation }) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const orgs = location.orgs ?? [];
  const current = orgs.find((o) => o.orgId === location.orgId);
  const choose = async (orgId: string) => {
    setBusy(orgId);
    setProblem(undefined);
    try {
      const chosen = await chooseOrg(orgId);
      if (!chosen.ok) setProblem(chosen.problem);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="card" aria-labelledby="choose-org-title">
      <h2 id="choose-org-title">{t('server_chooseOrgTitle')}</h2>
      <p class="hint">{t('server_chooseOrgHint')}</p>
      <ul class="org-choices">
        {orgs.map((org) => (
          <li key={org.orgId}>
            <button
              type="button"
              class={org.orgId === location.orgId ? 'secondary' : undefined}
              aria-current={org.orgId === location.orgId ? 'true' : undefined}
              disabled={busy !== undefined}
              onClick={() => void choose(org.orgId)}
            >
              {busy === org.orgId
                ? t('server_switchingOrg')
                : t(org.role === 'admin' ? 'server_orgAdmin' : 'server_orgUser', org.orgName)}
            </button>
            {org.orgId === location.orgId && <span class="hint"> {t('server_orgCurrent')}</span>}
          </li>
        ))}
      </ul>
      <ProblemMessage problem={problem} />
      {current && (
        <p>
          <button type="button" class="link" disabled={busy !== undefined} onClick={() => void keepOrg()}>
            {t('server_keepOrg', current.orgName)}
          </button>
        </p>
      )}
    </section>
  );
}
