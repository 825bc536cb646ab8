import type { AdminView } from '../../lib/ui/views.ts';
import { CsvImport } from './csv/CsvImport.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MemberTable } from './MemberTable.tsx';
import { SeatsSummary } from './SeatsSummary.tsx';
import './members.css';

/** Settings > Admin Settings > Team Management: the seats, inviting (one, or from a CSV file), and the member list. */
export function MembersTab({ view }: { view: AdminView }) {
  return (
    <>
      <SeatsSummary members={view.members} />
      <InviteForm members={view.members} />
      <CsvImport members={view.members} />
      <MemberTable view={view} />
    </>
  );
}
