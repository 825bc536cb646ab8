import { useState } from 'preact/hooks';
import type { AdminView } from '../../lib/ui/views.ts';
import { CsvImport } from './csv/CsvImport.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MemberTable } from './MemberTable.tsx';
import { SeatsSummary } from './SeatsSummary.tsx';
import './members.css';

/** Settings > Admin Settings > Team Management: the seats, inviting (one, or from a CSV file), and the member list. */
export function MembersTab({ view }: { view: AdminView }) {
  // Each CSV file chosen starts a new action: the one-by-one form's "Invited: …" line no longer describes the last one.
  const [csvFiles, setCsvFiles] = useState(0);
  return (
    <>
      <SeatsSummary members={view.members} />
      <InviteForm members={view.members} outcomeKey={csvFiles} />
      <CsvImport members={view.members} onFile={() => setCsvFiles((n) => n + 1)} />
      <MemberTable view={view} />
    </>
  );
}
