// @vitest-environment node
// The contract's person-in-two-orgs case alone, on the team server: for the memberships stage of `npm run mutate`
// (the whole contract takes a minute a mutant). Not a test file of any other run.
import { describe } from 'vitest';
import { personInTwoOrgs } from '../contract/contract.ts';
import { serverBackend } from '../contract/server-backend.ts';

describe('the authorization contract, alone: team server', () =>
  personInTwoOrgs(() => serverBackend(), { inBrowser: false }));
