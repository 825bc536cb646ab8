import { useState } from 'preact/hooks';
import type { OrgView } from '../../lib/backend/port.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { t } from '../../lib/ui/i18n.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { RepStatus } from '../RepStatus.tsx';

const MATCHES_SHOWN = 8;

/**
 * "Preview as": exactly what a member sees, as the worker would show it to
 * them. A search rather than a list of every member: an org can have many members.
 */
export function PreviewAs({ view }: { view: OrgView }) {
  const [search, setSearch] = useState('');
  const [preview, setPreview] = useState<OrgView | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const needle = search.trim().toLowerCase();
  const matches = needle
    ? view.members
        .filter((m) => m.name.toLowerCase().includes(needle) || m.email.includes(needle))
        .slice(0, MATCHES_SHOWN)
    : [];
  const show = async (id: string | undefined) => {
    setPreview(undefined);
    setProblem(undefined);
    if (!id) return;
    setSearch('');
    const response = await sendCommand('getState', { previewAs: id });
    if (response.ok) setPreview(response.value);
    else setProblem(response.error);
  };
  return (
    <div class="preview-as">
      <label for="preview-as">{t('console_previewAs')}</label>
      <input
        id="preview-as"
        type="search"
        value={search}
        placeholder={t('access_searchPlaceholder')}
        onInput={(e) => setSearch(e.currentTarget.value)}
        autoComplete="off"
      />
      {matches.length > 0 && (
        <ul class="preview-matches" aria-label={t('console_previewMatches')}>
          {matches.map((m) => (
            <li key={m.id}>
              <button type="button" class="link" onClick={() => void show(m.id)}>
                {m.name} ({m.email})
              </button>
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage problem={problem} />
      {preview?.me && (
        <div
          class="preview-frame"
          data-testid="preview"
          aria-label={t('console_previewLabel', preview.me.name)}
          role="region"
        >
          <p class="hint">{t('console_previewHint', preview.me.name)}</p>
          {preview.me.role === 'admin' ? (
            <p>{t('console_previewAdmin')}</p>
          ) : (
            <RepStatus view={{ ...preview, me: preview.me }} />
          )}
          <button type="button" class="secondary" onClick={() => void show(undefined)}>
            {t('console_previewStop')}
          </button>
        </div>
      )}
    </div>
  );
}
