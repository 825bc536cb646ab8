import type { OrgStore } from '../../lib/features/store.ts';

const refuse = async (): Promise<never> => {
  // Only reached if a command wrote before checking its caller: a bug, never a silent write.
  throw new Error('A signed-out caller has no org to write to.');
};

/**
 * What a signed-out caller reads: no org at all. The server holds many orgs
 * and a caller without a session belongs to none, so nothing is revealed.
 */
export function noOrgStore(): OrgStore {
  return {
    members: {
      get: async () => undefined,
      byEmail: async () => undefined,
      all: async () => [],
      put: refuse,
      delete: refuse,
    },
    grants: { all: async () => [], of: async () => undefined, add: refuse, remove: refuse, clear: refuse },
    org: { get: async () => ({ status: 'not-connected' }), put: refuse },
    secret: { get: async () => undefined, put: refuse, delete: refuse },
    activity: { add: refuse, addMany: refuse, recent: async () => [], all: async () => [] },
  };
}
