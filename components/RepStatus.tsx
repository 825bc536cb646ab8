import type { OrgView } from '../lib/backend/port.ts';
import { connectionOf } from '../lib/domain/org-connection.ts';
import { workspaceNames } from '../lib/domain/workspace.ts';
import { t } from '../lib/ui/i18n.ts';
import { formatDate } from './access/AccessStatus.tsx';

/** Profile > Your integrations: a sales rep's own Marketo access, and who to ask when there is none. */
export function RepStatus({ view }: { view: OrgView & { me: NonNullable<OrgView['me']> } }) {
  const grant = view.grants.find((g) => g.memberId === view.me.id);
  const connection = connectionOf(view.org);
  return (
    <section class="card rep-status" aria-labelledby="rep-status-title">
      <h2 id="rep-status-title">{t('rep_title')}</h2>
      {grant ? (
        <>
          <p data-testid="rep-status" class="status on">
            {t('rep_grantedSince', formatDate(grant.grantedAt))}
          </p>
          <p>{t('rep_workspaces', workspaceNames(grant.workspaceIds, connection?.workspaces ?? []).join(', '))}</p>
          <p>{t('rep_unlocks')}</p>
          <ul>
            <li>{t('rep_unlocksMoments')}</li>
            <li>{t('rep_unlocksCampaigns')}</li>
          </ul>
        </>
      ) : (
        <>
          <p data-testid="rep-status" class="status off">
            {t('rep_notGranted')}
          </p>
          <p>{t('rep_whatItUnlocks')}</p>
          {view.admins.length > 0 ? (
            <>
              <p>{t('rep_askAdmin')}</p>
              <ul data-testid="rep-admins">
                {view.admins.map((admin) => (
                  <li key={admin.email}>
                    {admin.name} (<a href={`mailto:${encodeURIComponent(admin.email)}`}>{admin.email}</a>)
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('rep_askAnAdmin')}</p>
          )}
        </>
      )}
    </section>
  );
}
