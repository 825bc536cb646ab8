import { useState } from 'preact/hooks';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import type { AdminView } from '../../lib/ui/views.ts';
import { lazy } from '../Lazy.tsx';
import { CsvImport } from './csv/CsvImport.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MemberTable } from './MemberTable.tsx';
import { SeatsSummary } from './SeatsSummary.tsx';
import './members.css';

// Only the owner of a team server's org sees it: nobody else loads it.
const DirectoryTokens = lazy(() => import('./DirectoryTokens.tsx').then((m) => m.DirectoryTokens));

/** The team server the org lives on, if it lives on one. */
const serverUrlOf = (): string | undefined => {
  const location = orgLocation.value;
  return typeof location === 'object' && location.mode === 'server' ? location.serverUrl : undefined;
};

/**
 * Settings > Admin Settings > Team Management: the seats, inviting (one, or
 * from a CSV file), the member list, and on a team server the owner's
 * tokens for the company directory (SCIM).
 */
export function MembersTab({ view }: { view: AdminView }) {
  // Each CSV file chosen starts a new action: the one-by-one form's "Invited: …" line no longer describes the last one.
  const [csvFiles, setCsvFiles] = useState(0);
  const serverUrl = serverUrlOf();
  return (
    <>
      <SeatsSummary members={view.members} />
      <InviteForm members={view.members} outcomeKey={csvFiles} />
      <CsvImport members={view.members} onFile={() => setCsvFiles((n) => n + 1)} />
      <MemberTable view={view} />
      {serverUrl !== undefined && connectionOf(view.org)?.ownerId === view.me.id && (
        <DirectoryTokens serverUrl={serverUrl} />
      )}
    </>
  );
}
