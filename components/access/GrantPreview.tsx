import type { GrantPlan, SkipReason } from '../../lib/domain/grant.ts';
import { t, tp } from '../../lib/ui/i18n.ts';

const SHOWN_NAMES = 12;

export const skipReasonText = (reason: SkipReason): string => t(`skip_${reason.replace(/-/g, '_')}`);

function names(ids: readonly string[], nameOf: (id: string) => string): string {
  const shown = ids.slice(0, SHOWN_NAMES).map(nameOf).join(', ');
  return ids.length > SHOWN_NAMES ? t('common_andMore', shown, ids.length - SHOWN_NAMES) : shown;
}

/** Before a grant (the Connect button): who will be granted access, and who is skipped and why, grouped by reason. */
export function GrantPreview({ plan, nameOf }: { plan: GrantPlan; nameOf: (id: string) => string }) {
  const skipped = new Map<SkipReason, string[]>();
  for (const entry of plan.entries) {
    if (entry.outcome === 'skip') skipped.set(entry.reason, [...(skipped.get(entry.reason) ?? []), entry.memberId]);
  }
  return (
    <div class="preview" data-testid="grant-preview" aria-live="polite">
      {plan.toGrant.length > 0 && (
        <p>
          <strong>{tp('access_previewWillGrant', plan.toGrant.length, plan.toGrant.length)}</strong>{' '}
          {names(plan.toGrant, nameOf)}
        </p>
      )}
      {[...skipped].map(([reason, ids]) => (
        <p key={reason} class="skipped" data-testid="skip-reason">
          <strong>{tp('access_previewSkipped', ids.length, ids.length)}</strong>{' '}
          {t('access_previewNamesWhy', names(ids, nameOf), skipReasonText(reason))}
        </p>
      ))}
    </div>
  );
}
