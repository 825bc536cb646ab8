import { useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { downloadText } from '../activity/download.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

/** The file's name: the day it was exported, so several backups sort by date. */
export const exportFileName = (at: number) => `marketo-access-org-${new Date(at).toISOString().slice(0, 10)}.json`;

/**
 * "Export the org (JSON)": the exportOrg command's answer saved as a file
 * (a Blob URL, no HTML built from data). Wherever the org lives.
 */
export function ExportOrgButton() {
  const { run, busy, problem } = useCommand('exportOrg');
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const exportOrg = async () => {
    setSaved(undefined);
    const file = await run({});
    if (!file) return;
    const name = exportFileName(file.exportedAt);
    downloadText(name, JSON.stringify(file, null, 2), 'application/json', { byteOrderMark: false });
    setSaved(name);
  };
  return (
    <section class="card" aria-labelledby="export-title">
      <h3 id="export-title">{t('orgFile_exportTitle')}</h3>
      <p class="hint">{t('orgFile_exportHint')}</p>
      <button type="button" class="secondary" disabled={busy} onClick={() => void exportOrg()}>
        {busy ? t('orgFile_exportBusy') : t('orgFile_exportButton')}
      </button>
      <p role="status">{saved && t('orgFile_exported', saved)}</p>
      <ProblemMessage problem={problem} />
    </section>
  );
}
