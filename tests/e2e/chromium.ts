/** Debian's Chromium (apt), not a Playwright download: this machine cannot fetch browsers. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium with these unpacked extensions loaded; shared by the end-to-end tests and the bench. */
export function chromiumArgs(extensionDirs: readonly string[]): string[] {
  const dirs = extensionDirs.join(',');
  return [
    // Root cannot use Chromium's sandbox (CI runs as root).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
    // This machine's network is closed: keep Chromium from trying.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}
