// What `npm start` prints on a machine without a display: the team server and
// the sandbox listen on this machine's loopback only, so another computer
// reaches them through an SSH tunnel, and loads a copy of the build there.
// Plain JavaScript, like start.mjs, which imports it.

/**
 * The lines to print, with this run's real ports and folder.
 * @param {{ user: string, host: string, serverPort: string | number, sandboxPort: string | number, extensionDir: string }} at
 * @returns {string[]}
 */
export function remoteInstructions({ user, host, serverPort, sandboxPort, extensionDir }) {
  const login = `${user}@${host}`;
  return [
    'No display here, so no browser window. The team server and the Marketo sandbox listen on this machine only',
    '(127.0.0.1). To use them from your own computer:',
    '',
    '  1. Forward both ports over SSH (run on your computer, keep it open; use the address you reach this machine by):',
    `       ssh -N -L ${serverPort}:127.0.0.1:${serverPort} -L ${sandboxPort}:127.0.0.1:${sandboxPort} ${login}`,
    `     Your computer then reaches the team server at http://localhost:${serverPort} and the sandbox at http://127.0.0.1:${sandboxPort}.`,
    '  2. Copy the build to your computer (in another terminal there):',
    `       scp -r ${login}:${extensionDir} ./marketo-access-build`,
    '     In Chrome, Chromium or Edge: open chrome://extensions, switch on Developer mode, click Load unpacked and',
    '     choose the marketo-access-build folder. This build reaches the two forwarded ports with no permission prompt.',
    `  3. In the extension's options page choose "Team server" and paste the owner link the server prints (or enter`,
    `     http://localhost:${serverPort}). Marketo tab, Advanced: endpoints http://127.0.0.1:${sandboxPort}/rest and`,
    `     http://127.0.0.1:${sandboxPort}/identity, with the sandbox's demo credentials printed above.`,
    '',
  ];
}
