// `npm run mutate`, third stage: a person's memberships (issue 17). How a session is bound to one membership of
// the person (the org chosen at sign-in, the org switch) and what the session route lists; against the server's
// memberships test and the contract's person-in-two-orgs case (admin in A, rep in B), on the team server.
// Static mutants are run too: the code runs at every sign-in, which the tests' set-up does.
import { base } from './stryker.base.mjs';

export default {
  ...base('memberships'),
  mutate: ['server/auth/memberships.ts', 'server/auth/org-switch.ts', 'server/routes/session.ts'],
};
