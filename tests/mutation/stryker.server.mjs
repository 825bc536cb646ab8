// `npm run mutate`, second stage: the server's store and its org filters, the caller, session and code-request
// checks, and the routes that use them; against the server tests of vitest.mutate.config.ts.
import { base } from './stryker.base.mjs';

export default {
  ...base('server'),
  mutate: [
    'server/store/org-store.ts',
    'server/store/store-access.ts',
    'server/store/no-org-store.ts',
    'server/store/sessions.ts',
    'server/auth/auth.ts',
    'server/auth/caller.ts',
    'server/auth/caller-cache.ts',
    'server/auth/code-requests.ts',
    'server/auth/auth-routes.ts',
    'server/routes/commands.ts',
    'server/routes/session.ts',
    'server/routes/changes.ts',
    'server/routes/auth.ts',
  ],
};
