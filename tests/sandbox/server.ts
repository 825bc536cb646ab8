import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type SandboxClock } from './clock.ts';
import { applyFaultsRequest } from './control.ts';
import { allowExtensionOrigin, answerPreflight } from './cors.ts';
import { API_USER, DEMO_CREDENTIALS, type SandboxCredentials } from './data.ts';
import { createFaults, FAULT_CODES, type SandboxFaults } from './faults.ts';
import { createLimitGate, MARKETO_LIMITS, type SandboxLimits } from './limits.ts';
import {
  apiError,
  brokenReply,
  MARKETO_MESSAGES,
  nextRequestId,
  send,
  sendJson,
  type ApiStyle,
  type Reply,
} from './responses.ts';
import { createApiRoutes } from './routes.ts';
import { createTokenIssuer } from './tokens.ts';

/**
 * A local stand-in for one Marketo instance: identity tokens, the User
 * Management API (workspaces, users, roles), one ordinary REST call, the
 * documented limits and error codes, and fault injection. A development and
 * test tool only; it listens on 127.0.0.1 and nowhere else.
 */

export interface SandboxOptions {
  /** 0 (default) picks a free port. The host is always 127.0.0.1. */
  port?: number;
  /** Drives token lifetimes, rate windows and the daily quota; share a fake one with the client in tests. */
  clock?: SandboxClock;
  credentials?: Partial<SandboxCredentials>;
  /** False: a subscription without workspaces (only Default). Default true. */
  workspacesEnabled?: boolean;
  /** API calls a day before 607. Default 50,000. */
  dailyQuota?: number;
  limits?: Partial<SandboxLimits>;
  /** Default 3600, as Marketo. */
  tokenLifetimeSeconds?: number;
  /** Real time added to every response, so calls overlap as they would over a network. */
  latencyMs?: number;
}

export interface SandboxStats {
  /** API calls admitted (REST and User Management; identity calls are counted apart). */
  calls: number;
  rejected601: number;
  rejected602: number;
  rejected606: number;
  rejected607: number;
  rejected615: number;
  faultsInjected: number;
  tokenRequests: number;
  tokensIssued: number;
  peakConcurrent: number;
  peakWindowCalls: number;
  concurrent: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** `{url}/identity` */
  identityUrl: string;
  /** `{url}/rest` */
  restUrl: string;
  credentials: SandboxCredentials;
  faults: SandboxFaults;
  stats(): SandboxStats;
  /** Clears faults, counters and rate windows (tokens stay valid). */
  reset(): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_CONTROL_BODY = 64 * 1024;

type Rejection = 'rejected601' | 'rejected602' | 'rejected606' | 'rejected607' | 'rejected615';

const isLoopback = (address: string | undefined): boolean =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CONTROL_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= MAX_CONTROL_BODY ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', () => resolve(undefined));
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const credentials: SandboxCredentials = { ...DEMO_CREDENTIALS, ...options.credentials };
  const faults = createFaults({
    workspacesEnabled: options.workspacesEnabled ?? true,
    dailyQuota: options.dailyQuota ?? 50_000,
  });
  const gate = createLimitGate(clock, { ...MARKETO_LIMITS, ...options.limits }, () => faults.dailyQuota);
  const tokens = createTokenIssuer(clock, options.tokenLifetimeSeconds ?? 3600, API_USER);
  const latencyMs = options.latencyMs ?? 0;
  const counters = {
    rejected601: 0,
    rejected602: 0,
    rejected606: 0,
    rejected607: 0,
    rejected615: 0,
    faultsInjected: 0,
    tokenRequests: 0,
  };
  /** Responses being held back (latency, delay faults); released early on close. */
  const holds = new Set<() => void>();

  function hold(ms: number, res: ServerResponse): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        holds.delete(release);
        res.off('close', release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      holds.add(release);
      // A client that gives up (timeout) frees its slot at once, as on Marketo.
      res.on('close', release);
    });
  }

  function stats(): SandboxStats {
    return { ...gate.stats(), ...counters, tokensIssued: tokens.issuedCount, concurrent: gate.concurrent };
  }

  const routes = createApiRoutes(faults, gate);

  function errorReply(style: ApiStyle, code: string, requestId: string, message?: string): Reply {
    const { status, body } = apiError(style, code, requestId, message);
    return { status, json: body };
  }

  /** Why this call is refused before it runs, if it is: token first, then limits. */
  function refusal(
    req: IncomingMessage,
    url: URL,
    style: ApiStyle,
    requestId: string,
  ): { reply: Reply; counter: Rejection } | undefined {
    const refuse = (code: '601' | '602' | '606' | '607' | '615', message?: string) => ({
      reply: errorReply(style, code, requestId, message),
      counter: `rejected${code}` as const,
    });
    // Marketo retires the query-parameter form; the sandbox already refuses it.
    if (url.searchParams.has('access_token')) {
      return refuse('601', 'Access token in the query string is not accepted: send it as Authorization: Bearer');
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) return refuse('601', 'Access token not specified');
    const check = tokens.check(bearer);
    if (check === 'unknown') return refuse('601');
    if (check === 'expired') return refuse('602');
    const limited = gate.admit();
    return limited ? refuse(limited) : undefined;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, style: ApiStyle): Promise<void> {
    const requestId = nextRequestId(clock.now());
    const delay = latencyMs + faults.takeDelay('api');
    const route = routes[url.pathname];
    let reply: Reply;
    let admitted = false;
    if (req.method !== 'GET') {
      reply = errorReply(style, '605', requestId);
    } else if (!route) {
      reply = errorReply(style, '610', requestId);
    } else {
      const fault = faults.takeFault('api');
      if (fault !== undefined) {
        counters.faultsInjected += 1;
        reply =
          brokenReply(fault, style, requestId) ??
          errorReply(style, fault === 'bad-credentials' ? '601' : fault, requestId);
      } else {
        const refused = refusal(req, url, style, requestId);
        if (refused) {
          counters[refused.counter] += 1;
          reply = refused.reply;
        } else {
          admitted = true;
          reply = route(url, requestId);
        }
      }
    }
    try {
      await hold(delay, res);
    } finally {
      // Freed before the answer leaves, so a client that starts its next call
      // on receipt never finds its previous call still counted.
      if (admitted) gate.finish();
    }
    send(res, reply);
  }

  // ---- Identity ------------------------------------------------------------

  async function handleIdentity(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    counters.tokenRequests += 1;
    const delay = latencyMs + faults.takeDelay('identity');
    const fault = faults.takeFault('identity');
    // Marketo documents a GET query or a POST form; the client sends the form.
    const params = req.method === 'POST' ? new URLSearchParams((await readBody(req)) ?? '') : url.searchParams;
    let reply: Reply;
    if (fault !== undefined) {
      counters.faultsInjected += 1;
      reply = brokenReply(fault, 'identity', nextRequestId(clock.now())) ?? {
        status: fault === 'bad-credentials' ? 401 : 500,
        json:
          fault === 'bad-credentials'
            ? { error: 'invalid_client', error_description: 'Bad client credentials' }
            : { error: 'server_error', error_description: MARKETO_MESSAGES[fault] ?? 'Error' },
      };
    } else if (req.method !== 'GET' && req.method !== 'POST') {
      reply = { status: 405, json: { error: 'invalid_request', error_description: 'Use GET or POST' } };
    } else if (params.get('grant_type') !== 'client_credentials') {
      reply = {
        status: 400,
        json: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
      };
    } else if (
      params.get('client_id') !== credentials.clientId ||
      params.get('client_secret') !== credentials.clientSecret
    ) {
      reply = { status: 401, json: { error: 'invalid_client', error_description: 'Bad client credentials' } };
    } else {
      reply = { status: 200, json: tokens.issue() };
    }
    await hold(delay, res);
    send(res, reply);
  }

  // ---- Control (/__sandbox/...) -------------------------------------------

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { error: 'loopback only' });
    const route = `${req.method ?? 'GET'} ${path}`;
    switch (route) {
      case 'GET /__sandbox/faults':
        return sendJson(res, 200, { faults: faults.snapshot(), codes: FAULT_CODES });
      case 'POST /__sandbox/faults': {
        // JSON only: a web page cannot send that cross-origin without a
        // preflight, which this server never grants.
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return sendJson(res, 415, { error: 'send Content-Type: application/json' });
        }
        const text = await readBody(req);
        let body: unknown;
        try {
          body = text === undefined ? undefined : (JSON.parse(text) as unknown);
        } catch {
          return sendJson(res, 400, { problems: ['the body is not JSON'] });
        }
        const problems = applyFaultsRequest(body, faults, tokens);
        if (problems.length > 0) return sendJson(res, 400, { problems });
        return sendJson(res, 200, { faults: faults.snapshot() });
      }
      case 'GET /__sandbox/stats':
        return sendJson(res, 200, stats());
      case 'POST /__sandbox/reset':
        reset();
        return sendJson(res, 200, stats());
      default:
        return sendJson(res, 404, { error: 'unknown control endpoint' });
    }
  }

  function reset(): void {
    faults.clear();
    gate.reset();
    for (const key of Object.keys(counters) as (keyof typeof counters)[]) counters[key] = 0;
  }

  // ---- Server ----------------------------------------------------------------

  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    let handling: Promise<void> | void;
    const marketoPath = path.startsWith('/rest/') || path.startsWith('/userservice/') || path.startsWith('/identity/');
    if (marketoPath) {
      if (req.method === 'OPTIONS') return answerPreflight(req, res);
      allowExtensionOrigin(req, res);
    }
    if (path.startsWith('/__sandbox/')) handling = handleControl(req, res, path);
    else if (path === '/identity/oauth/token') handling = handleIdentity(req, res, url);
    else if (path.startsWith('/rest/')) handling = handleApi(req, res, url, 'rest');
    else if (path.startsWith('/userservice/')) handling = handleApi(req, res, url, 'user-management');
    else if (path === '/') {
      handling = sendJson(res, 200, {
        sandbox: 'Marketo REST sandbox (development only)',
        munchkinId: credentials.munchkinId,
        restUrl: `${origin}/rest`,
        identityUrl: `${origin}/identity`,
        control: ['GET /__sandbox/faults', 'POST /__sandbox/faults', 'GET /__sandbox/stats', 'POST /__sandbox/reset'],
      });
    } else handling = sendJson(res, 404, { error: 'not found' });
    Promise.resolve(handling).catch(() => send(res, { status: 500, json: { error: 'sandbox error' } }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: HOST }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;

  return {
    url: origin,
    identityUrl: `${origin}/identity`,
    restUrl: `${origin}/rest`,
    credentials,
    faults,
    stats,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const release of [...holds]) release();
        server.closeAllConnections();
      }),
  };
}
