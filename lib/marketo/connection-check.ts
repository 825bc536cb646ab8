import type { MarketoWorkspace } from './resources.ts';

/** What connecting the org learns: whether to show a workspace picker, and its choices. */
export interface ConnectionCheck {
  workspacesEnabled: boolean;
  workspaces: MarketoWorkspace[];
}

/**
 * The rule: workspaces are enabled when Marketo lists more than one workspace.
 *
 * A subscription without the workspaces feature still lists exactly one, the
 * Default workspace, and a grant then always uses it (no picker). The count
 * is used rather than the name "Default" or id 1 because an admin can rename
 * the default workspace, and a subscription with the feature but no second
 * workspace yet has, in effect, nothing to choose. Status is not considered:
 * Marketo documents only "active", and hiding a listed workspace would be a
 * guess.
 */
export const workspacesEnabledFrom = (workspaces: readonly MarketoWorkspace[]): boolean => workspaces.length > 1;
