import { AccessList } from '../../components/AccessList.tsx';
import { ConnectOrgForm } from '../../components/ConnectOrgForm.tsx';
import { DisconnectOrgButton } from '../../components/DisconnectOrgButton.tsx';
import { InviteForm } from '../../components/InviteForm.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { OrgStatus } from '../../components/OrgStatus.tsx';
import { RepStatus } from '../../components/RepStatus.tsx';

/** Settings > Admin Settings for admins; the profile's "Your integrations" for reps. */
export function App() {
  return (
    <main>
      <h1>Marketo Access: admin settings</h1>
      <OrgPage>
        {(view) =>
          view.me.role === 'admin' ? (
            <>
              <OrgStatus org={view.org} members={view.members} />
              {view.org.status === 'connected' && view.org.connection.ownerId === view.me.id && <DisconnectOrgButton />}
              <ConnectOrgForm />
              <AccessList view={view} />
              <InviteForm />
            </>
          ) : (
            <RepStatus me={view.me} grant={view.grants[0]} org={view.org} admins={view.admins} />
          )
        }
      </OrgPage>
    </main>
  );
}
