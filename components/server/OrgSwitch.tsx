import type { ServerLocation } from '../../lib/backend/settings.ts';
import { t } from '../../lib/ui/i18n.ts';

/**
 * The signed-in bar's org and its switch, for a person in several orgs of the
 * server: the switch asks which org (OrgChooser) over the session they have.
 */
export function OrgSwitch({ location }: { location: ServerLocation }) {
  const org = location.orgs?.find((o) => o.orgId === location.orgId);
  if (!org || (location.orgs?.length ?? 0) < 2) return null;
  return (
    <>
      <span data-testid="signed-in-org">{t('server_orgIn', org.orgName)}</span>
      <button
        type="button"
        class="link"
        onClick={() => void import('../../lib/ui/server-sign-in.ts').then((m) => m.askForOrg())}
      >
        {t('server_switchOrg')}
      </button>
    </>
  );
}
