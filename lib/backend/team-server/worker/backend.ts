import type * as v from 'valibot';
import { connectionOf } from '../../../domain/org-connection.ts';
import { fail, type Result } from '../../../domain/result.ts';
import { isCommandName, parseInput, runsIn } from '../../../features/dispatch.ts';
import { COMMANDS, OWN_VIEW, type CommandName, type CommandResult } from '../../../features/registry.ts';
import type { OrgBackend, OrgView } from '../../port.ts';
import { postCommand } from '../shared/command.ts';
import type { FetchLike } from '../shared/request.ts';

export interface TeamServerBackendDeps {
  /** Checked by parseServerUrl: https (or loopback http), no trailing slash. */
  serverUrl: string;
  /** This browser's bearer session; undefined when signed out. */
  token: () => Promise<string | undefined>;
  fetch: FetchLike;
  /** A fresh idempotency key (a UUID) for each write a person asks for. */
  newKey: () => string;
  now?: () => number;
  timeoutMs?: number;
  /** Each view of the caller's own the server answered, with when and the org's version: the worker keeps it as the replica. */
  onView?: (view: OrgView, at: number, version: number | undefined, token: string | undefined) => Promise<void> | void;
  /** The session of `token` is over (the server no longer knows it): forget it, unless another came meanwhile. */
  forgetToken?: (token: string | undefined) => Promise<void>;
  /** The view kept from before this worker started (the replica): the badge's readyAt on a wake, with no request. */
  kept?: () => Promise<OrgView | undefined>;
}

/**
 * The org on a team server. Every command is the server's to check and apply;
 * this side only checks the input's shape (so nothing malformed leaves the
 * browser), sends it, and checks the answer against the command's declared
 * answer. A write carries one idempotency key, the same on its one retry, so
 * a lost answer never applies a change twice. No answer at all is
 * `server-unreachable`: no half state. A write's answer carries the caller's
 * view after it: kept as the replica and for the badge, with no second request.
 */
export function createTeamServerBackend(deps: TeamServerBackendDeps): OrgBackend {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  let lastView: OrgView | undefined;

  const keep = async (view: OrgView, version: number | undefined, token: string | undefined) => {
    lastView = view;
    // The replica is a convenience: failing to keep it never fails the command.
    await Promise.resolve(deps.onView?.(view, now(), version, token)).catch(() => undefined);
  };

  const run = async <K extends CommandName>(name: K, input: unknown): Promise<Result<CommandResult<K>>> => {
    if (!isCommandName(name)) return fail('unknown-command', 'Unknown command: update the extension.');
    // The trial's sign-in and sign-out: here the pages sign in and out with the server itself.
    if (!runsIn(name, 'team-server'))
      return fail('sign-in-elsewhere', 'Sign in with the code the team server emails you.');
    const parsed = parseInput(name, input);
    if (!parsed.ok) return parsed;
    const command = COMMANDS[name];
    const token = await deps.token();
    const answered = await postCommand(name, parsed.value, {
      serverUrl: deps.serverUrl,
      fetch: deps.fetch,
      timeoutMs,
      token,
      key: command.writes ? deps.newKey() : undefined,
      answer: command.answer as v.GenericSchema<unknown, CommandResult<K>>,
    });
    if (answered.sessionEnded) await deps.forgetToken?.(token);
    const { result, version, view } = answered;
    if (!result.ok) return result;
    if (view) await keep(view, version, token);
    else if (name === OWN_VIEW) await keep(result.value as OrgView, version, token);
    // A write whose answer brought no view (an older server): the last view is stale, the badge reads again.
    else if (command.writes) lastView = undefined;
    return result;
  };

  return {
    run,
    readyAt: async () => {
      // The stored readyAt first (the replica); the re-sync alarm reads the server within a minute.
      lastView ??= await deps.kept?.().catch(() => undefined);
      if (!lastView) await run(OWN_VIEW, {});
      return lastView ? connectionOf(lastView.org)?.readyAt : undefined;
    },
    // Jobs live on the server, in one transaction each: nothing is left half done in the browser.
    resumePendingJobs: async () => 0,
  };
}
