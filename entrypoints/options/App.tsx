import { Console } from '../../components/console/Console.tsx';
import { OrgPage } from '../../components/OrgPage.tsx';
import { RepStatus } from '../../components/RepStatus.tsx';
import { OrgLocationGate } from '../../components/setup/OrgLocationGate.tsx';
import { t } from '../../lib/ui/i18n.ts';

/** Settings > Admin Settings for admins; the profile's "Your integrations" for reps. */
export function App() {
  return (
    <main>
      <h1>{t('options_title')}</h1>
      <OrgLocationGate page="options">
        <OrgPage>{(view) => (view.me.role === 'admin' ? <Console view={view} /> : <RepStatus view={view} />)}</OrgPage>
      </OrgLocationGate>
    </main>
  );
}
