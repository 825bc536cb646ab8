import { API_USER, DEFAULT_WORKSPACE, ROLES, USERS, WORKSPACES } from './data.ts';
import type { SandboxFaults } from './faults.ts';
import type { LimitGate } from './limits.ts';
import { apiError, restSuccess, type Reply } from './responses.ts';

/** An API endpoint the sandbox serves: called only for admitted GET calls. */
export type Route = (url: URL, requestId: string) => Reply;

/** The Marketo endpoints the extension uses, keyed by path. */
export function createApiRoutes(faults: SandboxFaults, gate: LimitGate): Record<string, Route> {
  return {
    '/userservice/management/v1/users/workspaces.json': () => ({
      status: 200,
      json: faults.workspacesEnabled ? WORKSPACES : [DEFAULT_WORKSPACE],
    }),
    '/userservice/management/v1/users/allusers.json': (url, requestId) => {
      // Marketo: pageSize defaults to 20, at most 200; pageOffset defaults to 0.
      const pageSize = Number(url.searchParams.get('pageSize') ?? '20');
      const pageOffset = Number(url.searchParams.get('pageOffset') ?? '0');
      if (
        !Number.isInteger(pageSize) ||
        pageSize < 1 ||
        pageSize > 200 ||
        !Number.isInteger(pageOffset) ||
        pageOffset < 0
      ) {
        const { status, body } = apiError(
          'user-management',
          '1003',
          requestId,
          'pageSize must be 1 to 200 and pageOffset 0 or more',
        );
        return { status, json: body };
      }
      return { status: 200, json: USERS.slice(pageOffset, pageOffset + pageSize) };
    },
    '/userservice/management/v1/users/roles.json': () => ({ status: 200, json: ROLES }),
    '/rest/v1/stats/usage.json': (_url, requestId) => {
      const today = gate.today();
      return {
        status: 200,
        json: restSuccess(requestId, [
          { date: gate.dayKey(), total: today, users: [{ userId: API_USER, count: today }] },
        ]),
      };
    },
  };
}
