import type { FullConfig } from '@playwright/test';
import { startSandbox } from '../sandbox/server.ts';

/** One Marketo sandbox on loopback for the whole run; tests read its address from the environment. */
export default async function globalSetup(_config: FullConfig) {
  const sandbox = await startSandbox({ port: 0 });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.SANDBOX_CREDENTIALS = JSON.stringify(sandbox.credentials);
  return async () => sandbox.close();
}
