import { vi } from 'vitest';
import type { Ceremonies } from '../../lib/backend/team-server/page/passkey.ts';

/** What @simplewebauthn/browser answers for one credential. */
const credential = () => ({
  id: 'cred-1',
  rawId: 'cred-1',
  type: 'public-key',
  response: {},
  clientExtensionResults: {},
});

/** A stand-in authenticator with one credential: happy-dom and Node have no WebAuthn. */
export const standInAuthenticator = (): Ceremonies => ({
  startRegistration: vi.fn(async () => credential()),
  startAuthentication: vi.fn(async () => credential()),
});
