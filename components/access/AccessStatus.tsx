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
  compact = false,
}: {
  grant: Grant | undefined;
  workspaces: readonly Workspace[];
  nameOf: (id: string) => string;
  /** The popup: one word, so the column fits 420 px; the workspaces are in the title. */
  compact?: boolean;
}) {
  if (!grant) return <span class="status off">{t('access_notGranted')}</span>;
  const names = workspaceNames(grant.workspaceIds, workspaces).join(', ');
  const since = t('access_grantedSinceBy', formatDate(grant.grantedAt), nameOf(grant.grantedBy));
  return (
    <span class="status on" title={compact ? `${t('access_grantedWith', names)}. ${since}` : since}>
      {compact ? t('access_granted') : t('access_grantedWith', names)}
    </span>
  );
}
