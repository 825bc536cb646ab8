import { t } from '../lib/ui/i18n.ts';
import { hostPermissionWait, stopWaitingForHostPermission } from '../lib/ui/host-permission-wait.ts';

/**
 * While the browser's host-permission prompt is open: what the page waits for, where
 * to answer, and a way out when no prompt can be seen (a browser without a window).
 */
export function HostPermissionWait() {
  const waiting = hostPermissionWait.value;
  if (!waiting) return null;
  return (
    <div class="banner waiting" role="status" data-testid="host-permission-wait">
      <p>{t('hostPermission_waiting', waiting.hosts)}</p>
      <p class="hint">{t('hostPermission_waitingWhere')}</p>
      <button type="button" class="secondary" onClick={stopWaitingForHostPermission}>
        {t('hostPermission_stopWaiting')}
      </button>
    </div>
  );
}
