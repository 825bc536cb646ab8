import type { OrgConnection } from '../../lib/domain/org-connection.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

/** The instance's workspaces as Marketo last listed them, with a refresh. */
export function Workspaces({ connection }: { connection: OrgConnection }) {
  const refresh = useCommand('refreshWorkspaces');
  return (
    <section aria-labelledby="workspaces-title">
      <h3 id="workspaces-title">{t('marketo_workspacesTitle')}</h3>
      {connection.workspacesEnabled ? (
        <ul data-testid="workspaces">
          {connection.workspaces.map((w) => (
            <li key={w.id}>{w.name}</li>
          ))}
        </ul>
      ) : (
        <p>{t('marketo_workspacesNotEnabled')}</p>
      )}
      <button type="button" class="secondary" disabled={refresh.busy} onClick={() => void refresh.run({})}>
        {refresh.busy ? t('marketo_workspacesRefreshing') : t('marketo_workspacesRefresh')}
      </button>
      <ProblemMessage problem={refresh.problem} />
    </section>
  );
}
