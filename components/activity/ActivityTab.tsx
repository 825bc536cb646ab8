import { useMemo, useState } from 'preact/hooks';
import { activityCsv } from '../../lib/domain/activity-csv.ts';
import type { ActivityKind } from '../../lib/domain/activity.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import { t } from '../../lib/ui/i18n.ts';
import type { AdminView } from '../../lib/ui/views.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { ActivityTable } from './ActivityTable.tsx';
import { ACTIVITY_KINDS, describeActivity, kindLabel, type ActivityContext } from './describe-activity.ts';
import { downloadText } from './download.ts';
import { useActivityLog } from './use-activity-log.ts';

/** Rows drawn at once: a long log stays quick to show; "Show more" draws the next ones. */
const PAGE = 200;

/** Settings > Admin Settings > Activity: the whole log, newest first, filterable by kind, exportable as CSV. */
export function ActivityTab({ view }: { view: AdminView }) {
  const { log, reload } = useActivityLog(view.activity[0]?.seq ?? view.activity[0]?.at);
  const [kind, setKind] = useState<ActivityKind | ''>('');
  const [shown, setShown] = useState(PAGE);
  const context = useMemo<ActivityContext>(() => {
    const names = new Map(view.members.map((m) => [m.id, m.name]));
    return { nameOf: (id) => names.get(id), workspaces: connectionOf(view.org)?.workspaces ?? [] };
  }, [view.members, view.org]);

  const entries = log.status === 'loaded' ? log.entries.filter((e) => kind === '' || e.kind === kind) : [];

  const exportCsv = () => {
    const csv = activityCsv(entries, {
      columns: {
        time: t('activity_csvTime'),
        actor: t('activity_csvActor'),
        actorId: t('activity_csvActorId'),
        kind: t('activity_csvKind'),
        member: t('activity_csvMember'),
        memberId: t('activity_csvMemberId'),
        description: t('activity_csvDescription'),
        details: t('activity_csvDetails'),
      },
      nameOf: context.nameOf,
      describe: (entry) => describeActivity(entry, context),
    });
    downloadText(`marketo-access-activity-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  };

  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity_title')}</h2>
      <div class="filters">
        <label>
          {t('activity_filterLabel')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as ActivityKind | '');
              setShown(PAGE);
            }}
          >
            <option value="">{t('activity_filterAll')}</option>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={entries.length === 0}
          aria-describedby="activity-export-hint"
          onClick={exportCsv}
        >
          {t('activity_export')}
        </button>
        <small id="activity-export-hint" class="hint">
          {t('activity_exportHint')}
        </small>
      </div>
      {log.status === 'loading' && (
        <p class="loading" aria-busy="true">
          {t('activity_loading')}
        </p>
      )}
      {log.status === 'failed' && (
        <>
          <ProblemMessage problem={log.problem} />
          <button type="button" onClick={reload}>
            {t('activity_retry')}
          </button>
        </>
      )}
      {log.status === 'loaded' && (
        <>
          <p role="status" data-testid="activity-count">
            {t('activity_count', entries.length)}
          </p>
          {entries.length === 0 ? (
            <p>{kind === '' ? t('activity_empty') : t('activity_emptyKind')}</p>
          ) : (
            <ActivityTable entries={entries.slice(0, shown)} context={context} />
          )}
          {entries.length > shown && (
            <button type="button" class="secondary" onClick={() => setShown(shown + PAGE)}>
              {t('activity_showMore', Math.min(PAGE, entries.length - shown))}
            </button>
          )}
        </>
      )}
    </section>
  );
}
