import type { Result } from '../domain/result.ts';
import type { CommandName, CommandResult } from '../features/registry.ts';

/**
 * The Backend port: "the SIA org", wherever it lives. The trial backend keeps
 * it in this browser's IndexedDB (trial mode); the team server backend asks
 * the team server. Both dispatch every command from the one registry
 * (lib/features/registry.ts), so each rule is enforced once, wherever the org is.
 */
export interface OrgBackend {
  /** Runs one command as the signed-in caller; the input is checked against the command's schema. */
  run<K extends CommandName>(name: K, input: unknown): Promise<Result<CommandResult<K>>>;
  /** The waiting period's end, when the org is connected: the worker's badge follows it. */
  readyAt(): Promise<number | undefined>;
  /** Finishes bulk changes a killed worker left behind; answers how many it applied. */
  resumePendingJobs(): Promise<number>;
}

export type { OrgView } from '../features/session/view.ts';
export type { InviteReport } from '../features/members/commands.ts';
export type { GrantReport, RemovalReport } from '../features/access/commands.ts';
