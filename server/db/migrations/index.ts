import type { Migration, MigrationProvider } from 'kysely/migration';
import * as orgTables from './0001_org_tables.ts';
import * as authTables from './0002_auth_tables.ts';
import * as sessionMembership from './0003_session_membership.ts';
import * as activityPeople from './0004_activity_people.ts';
import * as personMemberships from './0005_person_memberships.ts';
import * as directory from './0006_directory.ts';
import * as orgIdentity from './0007_org_identity.ts';

/** Every migration, in order: a static list, so bundling or type stripping never depends on reading a folder. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_org_tables': orgTables,
  '0002_auth_tables': authTables,
  '0003_session_membership': sessionMembership,
  '0004_activity_people': activityPeople,
  '0005_person_memberships': personMemberships,
  '0006_directory': directory,
  '0007_org_identity': orgIdentity,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
