import type { ActivityEntry } from '../../lib/domain/activity.ts';
import { t, uiLocale } from '../../lib/ui/i18n.ts';
import { actorName, describeActivity, type ActivityContext } from './describe-activity.ts';

/** When, who, what: newest first, as given. */
export function ActivityTable({ entries, context }: { entries: readonly ActivityEntry[]; context: ActivityContext }) {
  const when = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <table>
      <caption class="visually-hidden">{t('activity_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('activity_colWhen')}</th>
          <th scope="col">{t('activity_colWho')}</th>
          <th scope="col">{t('activity_colWhat')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={`${entry.seq ?? entry.at}-${entry.kind}-${entry.memberId ?? ''}`}
            data-testid="activity-row"
            data-kind={entry.kind}
          >
            <td>
              <time dateTime={new Date(entry.at).toISOString()}>{when.format(entry.at)}</time>
            </td>
            {/* Named as the line recorded them: a member removed since keeps their name here. */}
            <td>{actorName(entry, context)}</td>
            <td>{describeActivity(entry, context)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
