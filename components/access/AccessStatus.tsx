import type { Grant } from '../../lib/domain/grant.ts';
import type { Workspace } from '../../lib/domain/workspace.ts';
import { workspaceNames } from '../../lib/domain/workspace.ts';
import { t, uiLocale } from '../../lib/ui/i18n.ts';

export const formatDate = (at: number): string =>
  new Date(at).toLocaleString(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });

/** One member's access: connected since when, by whom, with which workspaces. */
export function AccessStatus({
  grant,
  workspaces,
  nameOf,
}: {
  grant: Grant | undefined;
  workspaces: readonly Workspace[];
  nameOf: (id: string) => string;
}) {
  if (!grant) return <span class="status off">{t('access_notConnected')}</span>;
  return (
    <span class="status on" title={t('access_connectedSinceBy', formatDate(grant.grantedAt), nameOf(grant.grantedBy))}>
      {t('access_connectedWith', workspaceNames(grant.workspaceIds, workspaces).join(', '))}
    </span>
  );
}
