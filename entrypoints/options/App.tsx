import { Console } from '../../components/console/Console.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { lazy } from '../../components/Lazy.tsx';
import { OrgLocationGate } from '../../components/setup/OrgLocationGate.tsx';
import type { Role } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { orgLocation } from '../../lib/ui/org-location.ts';
import { isAdminView } from '../../lib/ui/views.ts';

// A rep's card: an admin's opening does not load it.
const RepStatus = lazy(() => import('../../components/RepStatus.tsx').then((m) => m.RepStatus));
/** A rep's page is their profile, not "admin settings"; before sign-in, the extension's name. */
const titleFor = (role: Role | undefined) =>
  role === 'admin' ? t('options_title') : role === 'user' ? t('options_titleRep') : t('extName');

/** Whether the org lives on a team server (known before any click: the Marketo tab asks no host permission then). */
const onServer = () => {
  const location = orgLocation.value;
  return typeof location === 'object' && location.mode === 'server';
};

/** Settings > Admin Settings for admins; the profile's "Your integrations" for reps. */
export function App() {
  return (
    <main>
      <OrgLocationGate page="options" heading={<PageTitle title={titleFor(undefined)} />}>
        <OrgPage heading={(role) => <PageTitle title={titleFor(role)} />}>
          {(view) => (isAdminView(view) ? <Console view={view} onServer={onServer()} /> : <RepStatus view={view} />)}
        </OrgPage>
      </OrgLocationGate>
    </main>
  );
}
