import { browser } from 'wxt/browser';
import { AccessList } from '../../components/AccessList.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { OrgStatus } from '../../components/OrgStatus.tsx';
import { RepStatus } from '../../components/RepStatus.tsx';

/** The toolbar popup: the admin's quick view, or a rep's own status. */
export function App() {
  return (
    <main>
      <h1>Marketo Access</h1>
      <OrgPage>
        {(view) =>
          view.me.role === 'admin' ? (
            <>
              <OrgStatus org={view.org} members={view.members} />
              <AccessList view={view} />
              <p>
                <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
                  Open the admin console
                </a>
              </p>
            </>
          ) : (
            <RepStatus me={view.me} grant={view.grants[0]} org={view.org} admins={view.admins} />
          )
        }
      </OrgPage>
    </main>
  );
}
