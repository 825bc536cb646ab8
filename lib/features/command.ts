import type * as v from 'valibot';
import type { ConnectionFields, EndpointPolicy } from '../domain/connection-fields.ts';
import type { DirectoryCaller } from '../domain/directory.ts';
import type { Member } from '../domain/member.ts';
import type { Result } from '../domain/result.ts';
import type { CheckedConnection } from '../domain/checked-connection.ts';
import type { OrgStore } from './store.ts';

/**
 * A command's permission, its `who`: who may run it. Anyone (even signed
 * out), any signed-in member, an admin, or the owner (the admin who made the
 * org connection). The dispatcher checks the caller (the member this backend
 * proves is calling) against it, wherever the org lives, before the
 * command's own rule. `directory`: only the org's company directory, calling
 * over SCIM with a token the owner made; no member, not even the owner.
 */
export type Permission = 'anyone' | 'member' | 'admin' | 'owner' | 'directory';

/**
 * Where a command may run: wherever the org lives, only in trial mode (the
 * org in this browser: its advisory sign-in), or only on a team server (its
 * claim link). Elsewhere it is refused before anything runs.
 */
export type Where = 'both' | 'trial' | 'team-server';

/**
 * What the browser does after a command succeeds, declared as data; the
 * worker maps each to a function (lib/worker), so the declaration stays free
 * of browser APIs. `give-back-host-permission` gives back the host permission
 * of the instance named by the answer's `endpoints`.
 */
export type BrowserEffect = 'forget-marketo-token' | 'give-back-host-permission';

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
  /**
   * Team server only: reads an OpenID provider's discovery document and
   * answers the issuer it states (an identity provider's registration).
   */
  discoverIssuer?: (issuer: string) => Promise<Result<string>>;
}

/** A signed-in member for every command but those anyone may run, and the directory's token for its own. */
export type ActorFor<W extends Permission> = W extends 'anyone'
  ? Member | undefined
  : W extends 'directory'
    ? DirectoryCaller
    : Member;

export interface RunContext<A extends Member | DirectoryCaller | undefined = Member> {
  store: OrgStore;
  /** The caller, already checked against the command's `who`. */
  actor: A;
  now: number;
  newId: () => string;
}

export interface PrepareContext<A extends Member | DirectoryCaller | undefined = Member> {
  services: CommandServices;
  actor: A;
  /** A read of the org outside any write, for what the slow part needs (stored credentials). */
  read: <T>(work: (store: OrgStore) => Promise<T>) => Promise<T>;
}

/**
 * One command, declared once, the whole contract: its input schema, its
 * answer schema (the result type is derived from it), who may run it, where,
 * what the browser does after it succeeds, and its body, which reads, calls
 * the area's pure rule and writes. The extension's worker, the page client
 * and the team server all dispatch from these declarations.
 */
export interface Command<
  S extends v.GenericSchema = v.GenericSchema,
  A extends v.GenericSchema = v.GenericSchema,
  P = undefined,
  W extends Permission = Permission,
> {
  input: S;
  /** The answer's shape: the team server backend checks the server's answer against it. */
  answer: A;
  who: W;
  where: Where;
  /** Changes the org: pages are told, and a server retry carries an idempotency key. */
  writes: boolean;
  /** On a team server, runs for an org it creates (the claim link), never the caller's. */
  createsOrg?: boolean;
  /** On a team server, the largest request body it reads for this command, when more than the default (an org's file). */
  maxBodyBytes?: number;
  /** In trial mode, stored as a job before it applies, so a killed worker finishes it on its next start. */
  resumable?: boolean;
  /** What the browser does after a success, wherever the org lives. */
  after?: readonly BrowserEffect[];
  /** Slow or remote work (asking Marketo, sealing), after `who` passed and before the transaction. */
  prepare?: (input: v.InferOutput<S>, ctx: PrepareContext<ActorFor<W>>) => Promise<Result<P>>;
  run: (input: v.InferOutput<S>, ctx: RunContext<ActorFor<W>>, prepared: P) => Promise<Result<v.InferOutput<A>>>;
}

/** Keeps the input, answer, prepared and permission types of a declaration. */
export const defineCommand = <
  S extends v.GenericSchema,
  A extends v.GenericSchema,
  P = undefined,
  const W extends Permission = Permission,
>(
  command: Command<S, A, P, W>,
): Command<S, A, P, W> => command;
