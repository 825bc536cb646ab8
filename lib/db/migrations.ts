import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { OrgDb } from './schema.ts';

type UpgradeDb = IDBPDatabase<OrgDb>;
type UpgradeTx = IDBPTransaction<OrgDb, StoreNames<OrgDb>[], 'versionchange'>;

/**
 * Numbered migrations: entry N takes the database from version N to N + 1.
 * Never edit a shipped one; add the next. Each is tested up from a fixture of
 * the version before it (migrations.test.ts).
 */
export const MIGRATIONS: ReadonlyArray<(db: UpgradeDb, tx: UpgradeTx) => void> = [
  // 0 → 1: the first schema.
  (db) => {
    db.createObjectStore('members', { keyPath: 'id' }).createIndex('by-email', 'email', { unique: true });
    db.createObjectStore('grants', { keyPath: 'memberId' });
    db.createObjectStore('org');
    db.createObjectStore('workspaces', { keyPath: 'id' });
    db.createObjectStore('activity', { keyPath: 'seq', autoIncrement: true }).createIndex('by-at', 'at');
    db.createObjectStore('jobs', { keyPath: 'id' });
    db.createObjectStore('session');
  },
  // 1 → 2: the client secret, encrypted, and the key that seals it.
  (db) => {
    db.createObjectStore('secrets');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function migrate(db: UpgradeDb, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let version = oldVersion; version < newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from database version ${version}.`);
    step(db, tx);
  }
}
