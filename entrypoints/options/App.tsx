import { Console } from '../../components/console/Console.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { RepStatus } from '../../components/RepStatus.tsx';
import { t } from '../../lib/ui/i18n.ts';
import { isAdminView } from '../../lib/ui/views.ts';

/** Settings > Admin Settings for admins; the profile's "Your integrations" for reps. */
export function App() {
  return (
    <main>
      <h1>{t('options_title')}</h1>
      <OrgPage>{(view) => (isAdminView(view) ? <Console view={view} /> : <RepStatus view={view} />)}</OrgPage>
    </main>
  );
}
