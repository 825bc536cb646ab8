import { useEffect, useState } from 'preact/hooks';
import type { AdminView } from '../../lib/ui/views.ts';
import { t, tp } from '../../lib/ui/i18n.ts';
import { UserAccessTab } from '../access/UserAccessTab.tsx';
import { ActivityTab } from '../activity/ActivityTab.tsx';
import { MarketoTab } from '../marketo/MarketoTab.tsx';
import { MembersTab } from '../members/MembersTab.tsx';
import { PreviewAs } from './PreviewAs.tsx';

const TABS = ['marketo', 'access', 'members', 'activity'] as const;
type Tab = (typeof TABS)[number];
const LABEL_KEY: Record<Tab, string> = {
  marketo: 'console_tabMarketo',
  access: 'console_tabAccess',
  members: 'console_tabMembers',
  activity: 'console_tabActivity',
};

// Earlier builds named the members tab #team: a bookmark of it still opens it.
const FORMER: Readonly<Record<string, Tab>> = { team: 'members' };

const tabFromHash = (): Tab => {
  const hash = location.hash.slice(1);
  return (TABS as readonly string[]).includes(hash) ? (hash as Tab) : (FORMER[hash] ?? 'access');
};

/** Settings > Admin Settings: one tab per SIA page the admins know. The tab is in the URL, so a reload keeps it. */
export function Console({ view }: { view: AdminView }) {
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const follow = () => setTab(tabFromHash());
    addEventListener('hashchange', follow);
    // Effects run after paint: a hash changed between the first render and now would otherwise be missed.
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  const select = (next: Tab) => {
    history.replaceState(null, '', `#${next}`);
    setTab(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    select(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <>
      {(view.setAside ?? 0) > 0 && (
        <p class="banner problem" role="alert" data-testid="set-aside">
          {tp('console_setAside', view.setAside ?? 0, view.setAside ?? 0)}
        </p>
      )}
      <PreviewAs view={view} />
      <nav>
        <div role="tablist" aria-label={t('console_tabsLabel')} class="tabs" onKeyDown={onKeyDown}>
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => select(name)}
            >
              {t(LABEL_KEY[name])}
            </button>
          ))}
        </div>
      </nav>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tabpanel">
        {tab === 'marketo' && <MarketoTab view={view} />}
        {tab === 'access' && <UserAccessTab view={view} />}
        {tab === 'members' && <MembersTab view={view} />}
        {tab === 'activity' && <ActivityTab view={view} />}
      </section>
    </>
  );
}
