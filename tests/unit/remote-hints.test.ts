import { describe, expect, it } from 'vitest';
import { remoteInstructions } from '../../scripts/remote-hints.mjs';

describe('npm start without a display', () => {
  const lines = remoteInstructions({
    user: 'ana',
    host: 'build-7',
    serverPort: 9123,
    sandboxPort: 4555,
    extensionDir: '/srv/checkout/.output/chrome-mv3',
  }).join('\n');

  it('gives the SSH tunnel with this run’s real ports, both forwarded to this machine’s loopback', () => {
    expect(lines).toContain('ssh -N -L 9123:127.0.0.1:9123 -L 4555:127.0.0.1:4555 ana@build-7');
  });

  it('says how to bring the build over and load it, and which addresses to enter there', () => {
    expect(lines).toContain('scp -r ana@build-7:/srv/checkout/.output/chrome-mv3 ./marketo-access-build');
    expect(lines).toMatch(/chrome:\/\/extensions.*Developer mode.*Load unpacked/s);
    expect(lines).toContain('http://localhost:9123');
    expect(lines).toContain('http://127.0.0.1:4555/rest');
    expect(lines).toContain('http://127.0.0.1:4555/identity');
  });
});
