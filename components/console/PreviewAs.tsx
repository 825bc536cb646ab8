import { useState } from 'preact/hooks';
import type { OrgView } from '../../lib/backend/port.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { t } from '../../lib/ui/i18n.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { RepStatus } from '../RepStatus.tsx';

/** "Preview as": exactly what a member sees, as the worker would show it to them. */
export function PreviewAs({ view }: { view: OrgView }) {
  const [memberId, setMemberId] = useState('');
  const [preview, setPreview] = useState<OrgView | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const show = async (id: string) => {
    setMemberId(id);
    setPreview(undefined);
    setProblem(undefined);
    if (!id) return;
    const response = await sendCommand('getState', { previewAs: id });
    if (response.ok) setPreview(response.value);
    else setProblem(response.error);
  };
  return (
    <div class="preview-as">
      <label for="preview-as">{t('console_previewAs')}</label>
      <select id="preview-as" value={memberId} onChange={(e) => void show(e.currentTarget.value)}>
          <option value="">{t('console_previewNobody')}</option>
          {view.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.email})
            </option>
          ))}
      </select>
      <ProblemMessage problem={problem} />
      {preview?.me && (
        <div class="preview-frame" data-testid="preview" aria-label={t('console_previewLabel', preview.me.name)} role="region">
          <p class="hint">{t('console_previewHint', preview.me.name)}</p>
          {preview.me.role === 'admin' ? <p>{t('console_previewAdmin')}</p> : <RepStatus view={{ ...preview, me: preview.me }} />}
          <button type="button" class="secondary" onClick={() => void show('')}>
            {t('console_previewStop')}
          </button>
        </div>
      )}
    </div>
  );
}
