import { aGrant, aMember, anOrg } from '../../lib/domain/fixtures.ts';
import type { AdminView } from '../../lib/ui/views.ts';

/** The view an owner admin's page gets, for component tests: Olivia (owner, admin), Ana (connected rep), Bo (invited rep). */
export function anAdminView(overrides: Partial<AdminView> = {}): AdminView {
  const me = aMember({
    id: 'olivia',
    name: 'Olivia Owner',
    email: 'olivia@example.com',
    role: 'admin',
    status: 'active',
  });
  const members = [
    me,
    aMember({ id: 'ana', name: 'Ana Rep', email: 'ana@example.com', teams: ['Everyone', 'EMEA'], status: 'active' }),
    aMember({ id: 'bo', name: 'Bo Rep', email: 'bo@example.com' }),
  ];
  return {
    me,
    org: { status: 'connected', connection: anOrg({ ownerId: 'olivia' }) },
    members,
    grants: [aGrant('ana', [2])],
    activity: [],
    firstRun: false,
    admins: [{ name: me.name, email: me.email }],
    ...overrides,
  };
}
