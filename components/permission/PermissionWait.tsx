import { t } from '../../lib/ui/i18n.ts';
import { permissionWait, stopWaitingForPermission } from '../../lib/ui/permission-wait.ts';

/**
 * While the browser's permission prompt is open: what the page waits for, where
 * to answer, and a way out when no prompt can be seen (a browser without a window).
 */
export function PermissionWait() {
  const waiting = permissionWait.value;
  if (!waiting) return null;
  return (
    <div class="banner waiting" role="status" data-testid="permission-wait">
      <p>{t('permission_waiting', waiting.hosts)}</p>
      <p class="hint">{t('permission_waitingWhere')}</p>
      <button type="button" class="secondary" onClick={stopWaitingForPermission}>
        {t('permission_stopWaiting')}
      </button>
    </div>
  );
}
