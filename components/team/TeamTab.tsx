import type { AdminView } from '../console/Console.tsx';
import { CsvImport } from './csv/CsvImport.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MemberTable } from './MemberTable.tsx';
import { SeatsSummary } from './SeatsSummary.tsx';
import './team.css';

/** Settings > Admin Settings > Team Management: the seats, inviting (one, or from a CSV file), and the member list. */
export function TeamTab({ view }: { view: AdminView }) {
  return (
    <>
      <SeatsSummary members={view.members} />
      <InviteForm members={view.members} />
      <CsvImport members={view.members} />
      <MemberTable view={view} />
    </>
  );
}
