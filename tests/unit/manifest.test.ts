import { afterEach, describe, expect, it } from 'vitest';
import config from '../../wxt.config.ts';

type Manifest = {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
  optional_permissions?: string[];
};
const manifestFor = (browser: 'chrome' | 'firefox', sandbox: boolean): Manifest => {
  if (sandbox) process.env.MARKETO_SANDBOX = '1';
  else delete process.env.MARKETO_SANDBOX;
  const manifest = config.manifest as (env: { browser: string }) => Manifest;
  return manifest({ browser });
};
const saved = process.env.MARKETO_SANDBOX;
afterEach(() => {
  if (saved === undefined) delete process.env.MARKETO_SANDBOX;
  else process.env.MARKETO_SANDBOX = saved;
});

describe('the manifest’s permissions', () => {
  it.each(['chrome', 'firefox'] as const)(
    'a production build for %s holds no host: every host is optional, asked inside a click',
    (browser) => {
      const manifest = manifestFor(browser, false);
      expect(manifest.host_permissions).toBeUndefined();
      // Firefox cannot make `identity` optional (the company sign-in's window): its build holds it from install.
      expect(manifest.permissions).toEqual(['storage', 'alarms', ...(browser === 'firefox' ? ['identity'] : [])]);
      expect(manifest.optional_host_permissions).toContain('https://*.mktorest.com/*');
    },
  );

  it('asks for identity inside the click on Chrome, never twice on Firefox', () => {
    expect(manifestFor('chrome', false).optional_permissions).toEqual(['notifications', 'identity']);
    expect(manifestFor('firefox', false).optional_permissions).toEqual(['notifications']);
  });

  it.each(['chrome', 'firefox'] as const)(
    'a sandbox build for %s (npm start, the end-to-end tests) holds loopback only, so a local first run never waits on a prompt',
    (browser) => {
      expect(manifestFor(browser, true).host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
    },
  );
});
