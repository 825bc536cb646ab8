/** A Marketo workspace, as the User Management API lists it. */
export interface Workspace {
  id: number;
  name: string;
}

/** The most workspaces one grant may choose (Marketo instances have a handful). */
export const MAX_WORKSPACES = 1_000;

/** Longest workspace name taken from Marketo's answer (Marketo's own limit is shorter). */
export const MAX_WORKSPACE_NAME_LENGTH = 2_000;

/** Marketo's own default workspace: what a grant uses when none is chosen. */
export const DEFAULT_WORKSPACE_NAME = 'Default';

/** Names of a grant's workspaces, "Default" for an empty set. */
export function workspaceNames(ids: readonly number[], known: readonly Workspace[]): string[] {
  if (ids.length === 0) return [DEFAULT_WORKSPACE_NAME];
  return ids.map((id) => known.find((w) => w.id === id)?.name ?? `#${id}`);
}
