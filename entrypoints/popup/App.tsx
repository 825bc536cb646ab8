import { browser } from 'wxt/browser';
import { UserAccessTab } from '../../components/access/UserAccessTab.tsx';
import { OrgStatus } from '../../components/marketo/OrgStatus.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { lazy } from '../../components/Lazy.tsx';
import { OrgLocationGate } from '../../components/setup/OrgLocationGate.tsx';
import { t } from '../../lib/ui/i18n.ts';
import { isAdminView } from '../../lib/ui/views.ts';

// A rep's card: an admin's opening does not load it.
const RepStatus = lazy(() => import('../../components/RepStatus.tsx').then((m) => m.RepStatus));

/** The toolbar popup: the admin's quick view, or a rep's own status. */
export function App() {
  return (
    <main>
      <h1>{t('extName')}</h1>
      <OrgLocationGate page="popup">
        <OrgPage>
          {(view) =>
            isAdminView(view) ? (
              <>
                <OrgStatus org={view.org} members={view.members} />
                <UserAccessTab view={view} compact />
                <p>
                  <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
                    {t('popup_openConsole')}
                  </a>
                </p>
              </>
            ) : (
              <RepStatus view={view} />
            )
          }
        </OrgPage>
      </OrgLocationGate>
    </main>
  );
}
