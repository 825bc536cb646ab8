import type { DBSchema } from 'idb';
import type { CommandName } from '../features/registry.ts';
import type { StoredActivity } from '../domain/stored-activity.ts';
import type { Member } from '../domain/member.ts';
import type { OrgConnection } from '../domain/org-connection.ts';
import type { Workspace } from '../domain/workspace.ts';
import type { OrgView } from '../features/session/view.ts';

/** The org connection as stored: workspaces live in their own store. */
export type StoredOrgConnection = Omit<OrgConnection, 'workspaces'>;

export type StoredOrgState =
  | { status: 'connected'; connection: StoredOrgConnection }
  | { status: 'disconnected'; disconnectedAt: number; disconnectedBy: string };

/**
 * A bulk command written before it applies, so a worker killed mid-way
 * finishes it on its next start (migration 5; before it, jobs had a `kind`).
 */
export interface PendingJob {
  id: string;
  command: CommandName;
  /** The command's input, as checked against its schema when it was sent. */
  input: unknown;
  /** Who sent it: the job applies as them, whoever is signed in when it resumes. */
  actorId: string;
  createdAt: number;
  /** Failed tries so far (a throw, not a refusal); after a few the job is set aside. */
  attempts: number;
  /** Set aside: no longer tried; the console says so and the activity log has a line. */
  setAsideAt?: number;
}

/**
 * Members granted together, in one record: a bulk grant is one write, not
 * one per member (Chromium spends about 0.14 ms on each IndexedDB request).
 * A member is in one set at most: the backend takes them out of their set
 * before adding them to another, in the same transaction.
 */
export interface GrantSet {
  id?: number;
  memberIds: string[];
  workspaceIds: number[];
  grantedAt: number;
  grantedBy: string;
}

/**
 * A log line as stored: a bulk grant or removal is one line naming every
 * member (`memberIds`); readers see one ActivityEntry per member.
 */
export type { StoredActivity };

export interface OrgDb extends DBSchema {
  members: { key: string; value: Member; indexes: { 'by-email': string; 'by-name': string } };
  grantSets: { key: number; value: GrantSet };
  /** Singletons: the org connection under 'connection'. */
  org: { key: 'connection'; value: StoredOrgState };
  workspaces: { key: number; value: Workspace };
  activity: { key: number; value: StoredActivity; indexes: { 'by-at': number } };
  jobs: { key: string; value: PendingJob };
  /** The vault key (a non-extractable CryptoKey) and the sealed client secret. */
  secrets: { key: 'vault-key' | 'client-secret'; value: CryptoKey | SealedSecret };
  /** This browser's session: who is signed in. */
  session: { key: 'signed-in'; value: { memberId: string } };
  /** Team server mode: the last view the server answered, and when (written by the worker only). */
  replica: { key: 'view'; value: StoredReplica };
}

export interface StoredReplica {
  view: OrgView;
  /** When the server answered with it: pages say "as of" this time while the server cannot be reached. */
  at: number;
  /** The org's version it is from: a page that has it skips the change notice for it. */
  version?: number | undefined;
}

/** AES-GCM output: what is stored instead of the client secret. */
export interface SealedSecret {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}
