import type { Grant } from '../../lib/domain/grant.ts';
import type { Workspace } from '../../lib/domain/workspace.ts';
import { workspaceNames } from '../../lib/domain/workspace.ts';
import { t, uiLocale } from '../../lib/ui/i18n.ts';

export const formatDate = (at: number): string =>
  new Date(at).toLocaleString(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });

/** One member's access: granted since when, by whom, with which workspaces. */
export function AccessStatus({
  grant,
  workspaces,
  nameOf,
}: {
  grant: Grant | undefined;
  workspaces: readonly Workspace[];
  nameOf: (id: string) => string;
}) {
  if (!grant) return <span class="status off">{t('access_notGranted')}</span>;
  return (
    <span class="status on" title={t('access_grantedSinceBy', formatDate(grant.grantedAt), nameOf(grant.grantedBy))}>
      {t('access_grantedWith', workspaceNames(grant.workspaceIds, workspaces).join(', '))}
    </span>
  );
}
