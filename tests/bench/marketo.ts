/**
 * The Marketo client against the loopback sandbox, both on one fake clock:
 * how many calls it sustains per 20 seconds (Marketo allows 100) and whether
 * the sandbox ever had to refuse one (606 rate limit, 615 concurrency).
 * Real HTTP on 127.0.0.1; only the waiting is fake, so minutes of Marketo
 * time take about a second.
 */
import { createMarketoClient, type FetchLike, type MarketoClient } from '../../lib/marketo/index.ts';
import { createFakeClock } from '../sandbox/clock.ts';
import { startSandbox } from '../sandbox/server.ts';

export interface ThroughputRun {
  calls: number;
  /** Calls started per 20 s of (fake) time, from the first call's start to the last's. */
  perWindow: number;
  /** Most calls the sandbox saw in any 20 s window. */
  peakWindowCalls: number;
  peakConcurrent: number;
  rejected606: number;
  rejected615: number;
  fakeSeconds: number;
  realMs: number;
}

const WINDOW_MS = 20_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function measureThroughput(calls: number): Promise<ThroughputRun> {
  const clock = createFakeClock();
  const sandbox = await startSandbox({ clock, port: 0, latencyMs: 0 });
  const starts: number[] = [];
  const fetchFn: FetchLike = (url, init) => {
    if (!String(url).includes('/identity/')) starts.push(clock.now());
    return fetch(url, init);
  };
  // "Fast network": calls already on the wire finish before the fake clock jumps, as real round trips take ms, waits s.
  const client: MarketoClient | undefined = createMarketoClient({
    ...sandbox.credentials,
    restBaseUrl: sandbox.restUrl,
    identityBaseUrl: sandbox.identityUrl,
    fetch: fetchFn,
    now: clock.now,
    sleep: async (ms) => {
      while ((client?.activity().inFlight ?? 0) > 0) await tick();
      await clock.sleep(ms);
    },
  });
  const realStart = performance.now();
  try {
    await Promise.all(
      Array.from({ length: calls }, (_v, i) => (i % 2 === 0 ? client!.getDailyUsage() : client!.getWorkspaces())),
    );
  } finally {
    await sandbox.close();
  }
  const realMs = performance.now() - realStart;
  const first = starts[0] ?? 0;
  const last = starts.at(-1) ?? 0;
  // Calls started before the last one's moment, over the time between: the burst at the end is not counted twice.
  const before = starts.filter((t) => t < last).length;
  const stats = sandbox.stats();
  return {
    calls: starts.length,
    perWindow: last > first ? (before * WINDOW_MS) / (last - first) : Number.NaN,
    peakWindowCalls: stats.peakWindowCalls,
    peakConcurrent: stats.peakConcurrent,
    rejected606: stats.rejected606,
    rejected615: stats.rejected615,
    fakeSeconds: (clock.now() - first) / 1000,
    realMs,
  };
}
