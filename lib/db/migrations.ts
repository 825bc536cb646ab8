import type { IDBPDatabase, IDBPTransaction } from 'idb';

// Untyped on purpose: each migration sees the schema as it was then, not today's OrgDb.
type UpgradeDb = IDBPDatabase;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * Numbered migrations: entry N takes the database from version N to N + 1.
 * Never edit a shipped one; add the next. Each is tested up from a fixture of
 * the version before it (migrations.test.ts).
 */
export const MIGRATIONS: ReadonlyArray<(db: UpgradeDb, tx: UpgradeTx) => void | Promise<unknown>> = [
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
  // 2 → 3: grants as sets of members granted together (one write per bulk grant).
  (db, tx) => {
    // No index on memberIds: a unique multi-entry index made Chromium take about 3 s to add one
    // set of 10,000 members once earlier ones had been cleared. Sets are few; readers scan them.
    const sets = db.createObjectStore('grantSets', { keyPath: 'id', autoIncrement: true });
    // The old store is not in today's schema type, hence the untyped view of the transaction.
    // Each grant becomes a set of one; the transaction lives until these requests end.
    return tx
      .objectStore('grants')
      .getAll()
      .then((grants) => {
        for (const grant of grants as {
          memberId: string;
          workspaceIds: number[];
          grantedAt: number;
          grantedBy: string;
        }[]) {
          void sets.add({
            memberIds: [grant.memberId],
            workspaceIds: grant.workspaceIds,
            grantedAt: grant.grantedAt,
            grantedBy: grant.grantedBy,
          });
        }
        db.deleteObjectStore('grants');
      });
  },
  // 3 → 4: members by name, so a page can paint the first screen of many members without reading them all.
  (_db, tx) => {
    tx.objectStore('members').createIndex('by-name', 'name');
  },
  // 4 → 5: jobs name the registry's command and carry its input, and count failed tries.
  // (Shipped with the names of then: revokeAccess is renamed by 6 → 7.)
  (_db, tx) => {
    const COMMAND_OF_KIND: Record<string, string> = {
      grant: 'grantAccess',
      revoke: 'revokeAccess',
      'change-workspaces': 'changeWorkspaces',
    };
    const jobs = tx.objectStore('jobs');
    return jobs.getAll().then((old) => {
      for (const job of old as {
        id: string;
        kind: string;
        actorId: string;
        memberIds: string[];
        workspaceIds: number[];
        createdAt: number;
      }[]) {
        const command = COMMAND_OF_KIND[job.kind];
        if (!command) {
          void jobs.delete(job.id);
          continue;
        }
        const input =
          command === 'revokeAccess'
            ? { memberIds: job.memberIds }
            : { memberIds: job.memberIds, workspaceIds: job.workspaceIds };
        void jobs.put({ id: job.id, command, input, actorId: job.actorId, createdAt: job.createdAt, attempts: 0 });
      }
    });
  },
  // 5 → 6: in team server mode, the last view the server answered and when, for first paint and offline reading.
  (db) => {
    db.createObjectStore('replica');
  },
  // 6 → 7: the command that removes access is named removeAccess (it was revokeAccess): stored jobs
  // and the set-aside lines of the activity log name it the new way.
  (_db, tx) => {
    const RENAMED: Record<string, string> = { revokeAccess: 'removeAccess' };
    const jobs = tx.objectStore('jobs');
    const activity = tx.objectStore('activity');
    return (async () => {
      for (const job of (await jobs.getAll()) as { command: string }[]) {
        const command = RENAMED[job.command];
        if (command) void jobs.put({ ...job, command });
      }
      for (let cursor = await activity.openCursor(); cursor; cursor = await cursor.continue()) {
        const line = cursor.value as { kind: string; details?: { command?: unknown } };
        const command = typeof line.details?.command === 'string' ? RENAMED[line.details.command] : undefined;
        if (line.kind === 'job-set-aside' && command)
          void cursor.update({ ...line, details: { ...line.details, command } });
      }
    })();
  },
];

export const DB_VERSION = MIGRATIONS.length;

/**
 * Runs the steps in order in the one upgrade transaction. A step that reads
 * before it writes returns its promise, and the steps after it start when it
 * has issued its writes: IndexedDB runs those before the next step's reads,
 * so a step always sees what the steps before it made. Only IndexedDB
 * requests are awaited, which keeps the transaction alive; a step that fails
 * aborts it, and the database stays at its old version.
 */
export function migrate(db: UpgradeDb, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  let pending: Promise<unknown> | undefined;
  for (let version = oldVersion; version < newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from database version ${version}.`);
    if (pending) {
      pending = pending.then(() => step(db, tx));
    } else {
      const started = step(db, tx);
      if (started instanceof Promise) pending = started;
    }
  }
  pending?.catch(() => {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing more to undo.
    }
  });
}
