import type * as v from 'valibot';
import type { ConnectionFields, EndpointPolicy } from '../domain/connection-fields.ts';
import type { Member } from '../domain/member.ts';
import type { Result } from '../domain/result.ts';
import type { CheckedConnection } from '../domain/checked-connection.ts';
import type { OrgStore } from './store.ts';

/**
 * A command's permission, its `who`: who may run it. Anyone (even signed
 * out), any signed-in member, an admin, or the owner (the admin who made the
 * org connection). The dispatcher checks the caller (the member this backend
 * proves is calling) against it, wherever the org lives, before the
 * command's own rule.
 */
export type Permission = 'anyone' | 'member' | 'admin' | 'owner';

/** The services a command may use outside its transaction: asking Marketo, the vault. */
export interface CommandServices {
  now: () => number;
  newId: () => string;
  /** Proves credentials against the Marketo instance and reads its workspaces; records nothing. */
  checkConnection: (fields: ConnectionFields) => Promise<Result<CheckedConnection>>;
  seal: (clientSecret: string) => Promise<unknown>;
  /** Whether the Marketo sandbox on loopback may be reached: builds for development and tests only. */
  endpoints: EndpointPolicy;
  /** Undefined when what is stored is not a sealed secret of this vault. */
  unseal: (sealed: unknown) => Promise<string | undefined>;
}

/** A signed-in member for every command but those anyone may run. */
export type ActorFor<W extends Permission> = W extends 'anyone' ? Member | undefined : Member;

export interface RunContext<A extends Member | undefined = Member> {
  store: OrgStore;
  /** The caller, already checked against the command's `who`. */
  actor: A;
  now: number;
  newId: () => string;
}

export interface PrepareContext<A extends Member | undefined = Member> {
  services: CommandServices;
  actor: A;
  /** A read of the org outside any write, for what the slow part needs (stored credentials). */
  read: <T>(work: (store: OrgStore) => Promise<T>) => Promise<T>;
}

/**
 * One command, declared once: its input schema, who may run it, and its body,
 * which reads, calls the area's pure rule and writes. The extension's worker,
 * the page client and the team server all dispatch from these declarations.
 */
export interface Command<
  S extends v.GenericSchema = v.GenericSchema,
  R = unknown,
  P = undefined,
  W extends Permission = Permission,
> {
  input: S;
  who: W;
  /** Changes the org: pages are told, and a server retry carries an idempotency key. */
  writes: boolean;
  /**
   * Only where the org lives in this browser (trial mode): a team server
   * signs people in with emailed codes and passkeys instead.
   */
  trialOnly?: boolean;
  /** In trial mode, stored as a job before it applies, so a killed worker finishes it on its next start. */
  resumable?: boolean;
  /** Slow or remote work (asking Marketo, sealing), after `who` passed and before the transaction. */
  prepare?: (input: v.InferOutput<S>, ctx: PrepareContext<ActorFor<W>>) => Promise<Result<P>>;
  run: (input: v.InferOutput<S>, ctx: RunContext<ActorFor<W>>, prepared: P) => Promise<Result<R>>;
}

/** Keeps the input, result, prepared and permission types of a declaration. */
export const defineCommand = <S extends v.GenericSchema, R, P = undefined, const W extends Permission = Permission>(
  command: Command<S, R, P, W>,
): Command<S, R, P, W> => command;
