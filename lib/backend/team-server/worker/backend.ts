import type * as v from 'valibot';
import { connectionOf } from '../../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../../domain/result.ts';
import { isCommandName, parseInput } from '../../../features/dispatch.ts';
import { COMMANDS, type CommandName, type CommandResult } from '../../../features/registry.ts';
import type { OrgBackend, OrgView } from '../../port.ts';
import { readAnswer, unreachable } from '../shared/answer.ts';
import { headers, send, type FetchLike } from '../shared/request.ts';
import { RESULT_SCHEMAS, type ServerCommandName } from '../shared/results.ts';

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
  /** Each view of the caller's own the server answered, with when: the worker keeps it as the replica. */
  onView?: (view: OrgView, at: number) => Promise<void> | void;
  /** The session is over (signed out here, or the server no longer knows the token): forget it. */
  forgetToken?: () => Promise<void>;
}

/**
 * The org on a team server. Every command is the server's to check and apply;
 * this side only checks the input's shape (so nothing malformed leaves the
 * browser), sends it, and checks the answer's shape. A write carries one
 * idempotency key, the same on its one retry, so a lost answer never applies
 * a change twice. No answer at all is `server-unreachable`: no half state.
 */
export function createTeamServerBackend(deps: TeamServerBackendDeps): OrgBackend {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  let lastView: OrgView | undefined;

  const post = async (name: ServerCommandName, input: unknown, token: string | undefined) => {
    const key = COMMANDS[name].writes ? { 'Idempotency-Key': deps.newKey() } : undefined;
    const init: RequestInit = {
      method: 'POST',
      headers: headers(token, key),
      body: JSON.stringify(input),
      credentials: 'omit',
    };
    const url = `${deps.serverUrl}/api/commands/${name}`;
    const first = await send(deps.fetch, url, init, timeoutMs);
    // Once more, the same key: the server applies a write at most once per key.
    return first === 'network' ? send(deps.fetch, url, init, timeoutMs) : first;
  };

  const signOut = async (): Promise<Result<null>> => {
    const token = await deps.token();
    if (token) {
      // Best effort: the session ends here whatever the server says; it also expires there.
      await send(
        deps.fetch,
        `${deps.serverUrl}/api/auth/sign-out`,
        { method: 'POST', headers: headers(token), body: '{}', credentials: 'omit' },
        timeoutMs,
      );
    }
    await deps.forgetToken?.();
    lastView = undefined;
    return ok(null);
  };

  const run = async <K extends CommandName>(name: K, input: unknown): Promise<Result<CommandResult<K>>> => {
    if (!isCommandName(name)) return fail('unknown-command', 'Unknown command: update the extension.');
    if (name === 'signOut') return (await signOut()) as Result<CommandResult<K>>;
    if (name === 'signIn') return fail('sign-in-elsewhere', 'Sign in with the code the team server emails you.');
    const parsed = parseInput(name, input);
    if (!parsed.ok) return parsed;
    const serverName = name as ServerCommandName;
    const token = await deps.token();
    const sent = await post(serverName, parsed.value, token);
    if (sent === 'network') return unreachable();
    if (sent.status === 401 && token) await deps.forgetToken?.();
    const result = readAnswer<unknown>(sent.status, sent.body, RESULT_SCHEMAS[serverName] as v.GenericSchema) as Result<
      CommandResult<K>
    >;
    // A write changed the org (a connection's readyAt, for one): readyAt must not answer from the view before it.
    if (result.ok && COMMANDS[serverName].writes) lastView = undefined;
    if (result.ok && name === 'getState' && (parsed.value as { previewAs?: string }).previewAs === undefined) {
      lastView = result.value as OrgView;
      // The replica is a convenience: failing to keep it never fails the command.
      await Promise.resolve(deps.onView?.(lastView, now())).catch(() => undefined);
    }
    return result;
  };

  return {
    run,
    readyAt: async () => {
      if (!lastView) await run('getState', {});
      return lastView ? connectionOf(lastView.org)?.readyAt : undefined;
    },
    // Jobs live on the server, in one transaction each: nothing is left half done in the browser.
    resumePendingJobs: async () => 0,
  };
}
