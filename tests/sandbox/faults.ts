/**
 * Fault injection: make the next N responses fail in a chosen way, slow them
 * down, or switch the subscription to one without workspaces. Tests use the
 * `faults` object; people use POST /__sandbox/faults (see control.ts).
 */

/** Marketo codes, HTTP statuses, and broken bodies the sandbox can answer with. */
export const FAULT_CODES = [
  '601',
  '602',
  '603',
  '604',
  '606',
  '607',
  '608',
  '611',
  '614',
  '615',
  '1008',
  '500',
  '502',
  '503',
  '429',
  'bad-json',
  'bad-shape',
  'bad-credentials',
] as const;

export type FaultCode = (typeof FAULT_CODES)[number];

/** `api`: REST and User Management calls. `identity`: the token endpoint. */
export type FaultTarget = 'api' | 'identity';

export const isFaultCode = (value: unknown): value is FaultCode => (FAULT_CODES as readonly unknown[]).includes(value);

interface Pending {
  code: FaultCode;
  target: FaultTarget;
  remaining: number;
}

interface PendingDelay {
  ms: number;
  target: FaultTarget;
  remaining: number;
}

export interface FaultSnapshot {
  pending: Pending[];
  delays: PendingDelay[];
  workspacesEnabled: boolean;
  dailyQuota: number;
}

export interface SandboxFaults {
  /** The next `count` responses for `target` fail with `code`. Queued faults apply in order. */
  next(code: FaultCode, count?: number, target?: FaultTarget): void;
  /** The next `count` responses for `target` (all of them if omitted) wait `ms` first. */
  delayNext(ms: number, count?: number, target?: FaultTarget): void;
  /** False: the subscription has only the Default workspace. */
  workspacesEnabled: boolean;
  /** API calls a day before 607. */
  dailyQuota: number;
  /** Forgets pending faults and delays (keeps the two settings above). */
  clear(): void;
  snapshot(): FaultSnapshot;
  /** For the server: the fault to apply to this response, if any. */
  takeFault(target: FaultTarget): FaultCode | undefined;
  /** For the server: how long to hold this response. */
  takeDelay(target: FaultTarget): number;
}

// Only the token endpoint can refuse credentials; everything else defaults to API calls.
const defaultTarget = (code: FaultCode): FaultTarget => (code === 'bad-credentials' ? 'identity' : 'api');

function takeFrom<T extends { target: FaultTarget; remaining: number }>(
  queue: T[],
  target: FaultTarget,
): T | undefined {
  const index = queue.findIndex((item) => item.target === target);
  const item = queue[index];
  if (item === undefined) return undefined;
  item.remaining -= 1;
  if (item.remaining <= 0) queue.splice(index, 1);
  return item;
}

export function createFaults(settings: { workspacesEnabled: boolean; dailyQuota: number }): SandboxFaults {
  const pending: Pending[] = [];
  const delays: PendingDelay[] = [];
  return {
    workspacesEnabled: settings.workspacesEnabled,
    dailyQuota: settings.dailyQuota,
    next(code, count = 1, target = defaultTarget(code)) {
      if (count > 0) pending.push({ code, target, remaining: count });
    },
    delayNext(ms, count = Number.POSITIVE_INFINITY, target = 'api') {
      if (count > 0 && ms > 0) delays.push({ ms, target, remaining: count });
    },
    clear() {
      pending.length = 0;
      delays.length = 0;
    },
    snapshot() {
      return {
        pending: pending.map((p) => ({ ...p })),
        delays: delays.map((d) => ({ ...d })),
        workspacesEnabled: this.workspacesEnabled,
        dailyQuota: this.dailyQuota,
      };
    },
    takeFault: (target) => takeFrom(pending, target)?.code,
    takeDelay: (target) => takeFrom(delays, target)?.ms ?? 0,
  };
}
