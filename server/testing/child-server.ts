import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_BUNDLE } from '../../scripts/build-server.mjs';
import { SERVER_NODE_OPTIONS } from '../node-options.ts';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Everything it printed (never a bearer token: the server prints none). */
  output(): string;
  /** Resolves with the first match of `pattern` in its output, as soon as it is printed. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** SIGKILL: no shutdown code runs, as when a machine or container dies. Resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Test only: the production entry (server/main.ts, built as `npm run server` runs it) as its own process on a
 * given database, with the deployment's SECRET_KEY (so bearer tokens made by
 * another process on that database work here too). Resolves once it listens.
 */
export const startChildServer = (
  databaseUrl: string,
  secretKey: Buffer,
  ms = 30_000,
  env: Record<string, string> = {},
): Promise<ChildServer> =>
  startEntry({ DATABASE_URL: databaseUrl, SECRET_KEY: secretKey.toString('base64'), ...env }, ms);

/**
 * Test only: server/main.ts (built by the global set-up) in its own process with this environment over
 * the test's own (a variable given as undefined is removed), in development,
 * on a free port. Resolves once it listens; rejects with its output if it
 * exits or stays silent first.
 */
export async function startEntry(env: Record<string, string | undefined>, ms = 30_000): Promise<ChildServer> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    NODE_ENV: 'development',
    PUBLIC_URL: 'http://localhost:9999',
    ...env,
  };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_BUNDLE], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`server did not start within ${ms} ms: ${output}`)), ms);
    const check = () => {
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) done(undefined, match[1]);
    };
    const onExit = () => done(new Error(`server exited before listening: ${output}`));
    function done(error?: Error, value?: string) {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    }
    child.stdout!.on('data', check);
    child.once('exit', onExit);
  }).catch(async (error: unknown) => {
    await end('SIGKILL');
    throw error;
  });
  const waitFor = (pattern: RegExp, waitMs = 10_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (!match) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(match);
      };
      const timer = setTimeout(() => {
        child.stdout!.off('data', check);
        reject(new Error(`no ${pattern} within ${waitMs} ms in: ${output}`));
      }, waitMs);
      child.stdout!.on('data', check);
      check();
    });
  return {
    url,
    process: child,
    output: () => output,
    waitFor,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    exited,
  };
}
