import { isFaultCode, type FaultCode, type FaultTarget, type SandboxFaults } from './faults.ts';
import type { TokenIssuer } from './tokens.ts';

/**
 * The JSON accepted by POST /__sandbox/faults, for people driving the sandbox
 * by hand (curl) or from the end-to-end tests:
 *
 *   { "next": [{ "code": "606", "count": 2, "target": "api" }],
 *     "delay": { "ms": 20000, "count": 1, "target": "api" },
 *     "workspacesEnabled": false, "dailyQuota": 50000,
 *     "expireTokens": true, "clear": true }
 *
 * Every field is optional; `next` may also be a single object. `clear` runs
 * first. Nothing is applied if any part is wrong.
 */
interface FaultSpec {
  code: FaultCode;
  count: number;
  target?: FaultTarget;
}

interface DelaySpec {
  ms: number;
  count?: number;
  target: FaultTarget;
}

interface Plan {
  clear: boolean;
  next: FaultSpec[];
  delay?: DelaySpec;
  workspacesEnabled?: boolean;
  dailyQuota?: number;
  expireTokens: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isTarget = (value: unknown): value is FaultTarget => value === 'api' || value === 'identity';

function parseFault(raw: unknown, problems: string[]): FaultSpec | undefined {
  if (!isRecord(raw) || !isFaultCode(raw.code)) {
    problems.push('each "next" entry needs a "code" among the fault codes (GET /__sandbox/faults lists them)');
    return undefined;
  }
  if (raw.count !== undefined && !isCount(raw.count)) problems.push('"count" must be a whole number');
  if (raw.target !== undefined && !isTarget(raw.target)) problems.push('"target" must be "api" or "identity"');
  const spec: FaultSpec = { code: raw.code, count: isCount(raw.count) ? raw.count : 1 };
  if (isTarget(raw.target)) spec.target = raw.target;
  return spec;
}

function parsePlan(body: unknown, problems: string[]): Plan {
  const plan: Plan = { clear: false, next: [], expireTokens: false };
  if (!isRecord(body)) {
    problems.push('send a JSON object');
    return plan;
  }
  plan.clear = body.clear === true;
  plan.expireTokens = body.expireTokens === true;
  if (body.next !== undefined) {
    const entries = Array.isArray(body.next) ? body.next : [body.next];
    for (const entry of entries) {
      const spec = parseFault(entry, problems);
      if (spec) plan.next.push(spec);
    }
  }
  if (body.delay !== undefined) {
    const d = body.delay;
    if (
      !isRecord(d) ||
      !isCount(d.ms) ||
      (d.count !== undefined && !isCount(d.count)) ||
      (d.target !== undefined && !isTarget(d.target))
    ) {
      problems.push('"delay" is { "ms": whole number, "count"?: whole number, "target"?: "api" | "identity" }');
    } else {
      plan.delay = { ms: d.ms, target: isTarget(d.target) ? d.target : 'api' };
      if (isCount(d.count)) plan.delay.count = d.count;
    }
  }
  if (body.workspacesEnabled !== undefined) {
    if (typeof body.workspacesEnabled === 'boolean') plan.workspacesEnabled = body.workspacesEnabled;
    else problems.push('"workspacesEnabled" must be true or false');
  }
  if (body.dailyQuota !== undefined) {
    if (isCount(body.dailyQuota)) plan.dailyQuota = body.dailyQuota;
    else problems.push('"dailyQuota" must be a whole number');
  }
  return plan;
}

/** Applies a control request; returns the problems instead when it is malformed. */
export function applyFaultsRequest(body: unknown, faults: SandboxFaults, tokens: TokenIssuer): string[] {
  const problems: string[] = [];
  const plan = parsePlan(body, problems);
  if (problems.length > 0) return problems;
  if (plan.clear) faults.clear();
  for (const spec of plan.next) faults.next(spec.code, spec.count, spec.target);
  if (plan.delay) faults.delayNext(plan.delay.ms, plan.delay.count, plan.delay.target);
  if (plan.workspacesEnabled !== undefined) faults.workspacesEnabled = plan.workspacesEnabled;
  if (plan.dailyQuota !== undefined) faults.dailyQuota = plan.dailyQuota;
  if (plan.expireTokens) tokens.expireAll();
  return [];
}
