// @vitest-environment node
import { authorizationContract } from './contract.ts';
import { serverBackend } from './server-backend.ts';

authorizationContract('team server (HTTP, PostgreSQL)', () => serverBackend(), { inBrowser: false });
