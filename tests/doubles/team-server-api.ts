import type { FetchLike } from '../../lib/backend/team-server/shared/request.ts';

/**
 * A stand-in for the team server's HTTP API (server/README.md says what the real one answers), for
 * unit tests: commands with idempotency keys, the change feed as a stream,
 * the session, the email-code and sign-out endpoints and the owner's claim.
 * It keeps what it was sent so tests can check headers and bodies.
 */
export interface SentRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
/** A scripted fault for the next request: no answer at all, or a given answer. */
export type Fault = 'network' | Reply;

type CommandHandler = (input: unknown, member: string | undefined) => Reply;

export const answer = (value: unknown): Reply => ({ status: 200, body: { ok: true, value } });
export const refusal = (status: number, code: string, message: string, field?: string): Reply => ({
  status,
  body: { ok: false, error: field === undefined ? { code, message } : { code, message, field } },
});

export function createFakeServer(origin = 'https://team.example.com') {
  const requests: SentRequest[] = [];
  const faults: Fault[] = [];
  const commands = new Map<string, { handler: CommandHandler; anyone: boolean }>();
  const replays = new Map<string, Reply>();
  /** token → member email. */
  const sessions = new Map<string, string>();
  /** email → the code last sent. */
  const outbox = new Map<string, string>();
  const claims = new Set<string>();
  /** passkey credential id → member email. */
  const passkeys = new Map<string, string>();
  const feeds = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let version = 1;
  let applied = 0;
  let tokens = 0;

  const encoder = new TextEncoder();
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const memberOf = (headers: Headers) => sessions.get((headers.get('authorization') ?? '').replace(/^Bearer /, ''));

  const newSession = (email: string) => {
    const token = `token-${++tokens}`;
    sessions.set(token, email);
    return token;
  };

  const changes = (headers: Headers): Response => {
    if (!memberOf(headers))
      return json(401, { ok: false, error: { code: 'not-signed-in', message: 'Sign in first.' } });
    let own: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        own = controller;
        feeds.add(controller);
        controller.enqueue(encoder.encode(`event: org-changed\ndata: {"version":${version}}\n\n`));
      },
      cancel() {
        feeds.delete(own);
      },
    });
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };

  const command = (name: string, headers: Headers, body: unknown): Response => {
    const declared = commands.get(name);
    if (!declared) return json(404, { ok: false, error: { code: 'unknown-command', message: `No command ${name}.` } });
    const member = memberOf(headers);
    // A token it does not know is refused even where anyone may call: the session ended.
    if (!member && (!declared.anyone || headers.has('authorization')))
      return json(401, { ok: false, error: { code: 'not-signed-in', message: 'Sign in first.' } });
    const key = headers.get('idempotency-key');
    const replay = key ? replays.get(key) : undefined;
    if (replay) return json(replay.status, replay.body);
    const reply = declared.handler(body, member);
    if (key) {
      replays.set(key, reply);
      applied++;
    }
    return json(reply.status, reply.body, reply.headers);
  };

  const auth = (path: string, headers: Headers, body: Record<string, unknown>): Response => {
    if (path === '/api/auth/email-otp/send-verification-otp') {
      if (body.type !== 'sign-in' || typeof body.email !== 'string')
        return json(400, { code: 'BAD_REQUEST', message: 'Invalid body' });
      outbox.set(body.email, String(100000 + outbox.size));
      return json(200, { success: true });
    }
    if (path === '/api/auth/sign-in/email-otp') {
      if (typeof body.email !== 'string' || outbox.get(body.email) !== body.otp)
        return json(400, { code: 'INVALID_OTP', message: 'Invalid OTP' });
      outbox.delete(body.email);
      return json(200, { token: 'ignored', user: { email: body.email } }, { 'set-auth-token': newSession(body.email) });
    }
    if (path === '/api/auth/passkey/generate-register-options') {
      return memberOf(headers)
        ? json(
            200,
            { challenge: 'register-challenge', rp: { name: 'Team', id: 'team.example.com' } },
            { 'x-passkey-challenge': 'better-auth-passkey=register' },
          )
        : json(401, { code: 'UNAUTHORIZED' });
    }
    if (path === '/api/auth/passkey/verify-registration') {
      const member = memberOf(headers);
      const id = (body.response as { id?: unknown } | undefined)?.id;
      if (!member) return json(401, { code: 'UNAUTHORIZED' });
      // As the team server does: the challenge comes back in its header, not a cookie.
      if (headers.get('x-passkey-challenge') !== 'better-auth-passkey=register')
        return json(400, { code: 'CHALLENGE_NOT_FOUND' });
      if (typeof id !== 'string') return json(400, { code: 'FAILED_TO_VERIFY_REGISTRATION' });
      passkeys.set(id, member);
      return json(200, { id, name: body.name });
    }
    if (path === '/api/auth/passkey/generate-authenticate-options') {
      return json(
        200,
        { challenge: 'sign-in-challenge', rpId: 'team.example.com' },
        { 'x-passkey-challenge': 'better-auth-passkey=sign-in' },
      );
    }
    if (path === '/api/auth/passkey/verify-authentication') {
      if (headers.get('x-passkey-challenge') !== 'better-auth-passkey=sign-in')
        return json(400, { code: 'CHALLENGE_NOT_FOUND' });
      const id = (body.response as { id?: unknown } | undefined)?.id;
      const member = typeof id === 'string' ? passkeys.get(id) : undefined;
      if (!member) return json(400, { code: 'PASSKEY_NOT_FOUND' });
      return json(200, { session: {}, user: { email: member } }, { 'set-auth-token': newSession(member) });
    }
    if (path === '/api/auth/sign-out') {
      sessions.delete((headers.get('authorization') ?? '').replace(/^Bearer /, ''));
      return json(200, { success: true });
    }
    return json(404, { code: 'NOT_FOUND', message: 'Not found' });
  };

  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' && init.body !== '' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method: init.method ?? 'GET', path: url.pathname + url.search, headers, body });
    if (init.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const fault = faults.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault) return json(fault.status, fault.body, fault.headers);
    if (url.origin !== origin) throw new TypeError('Failed to fetch');
    const path = url.pathname;
    if (path.startsWith('/api/commands/')) return command(path.slice('/api/commands/'.length), headers, body);
    if (path === '/api/changes') return changes(headers);
    if (path === '/api/session') {
      const member = memberOf(headers);
      return member
        ? json(200, { member: { email: member }, orgId: 'org-1', orgName: 'Acme', version })
        : json(401, {});
    }
    if (path === '/api/claim') {
      const { token, orgName, name, email } = (body ?? {}) as Record<string, unknown>;
      if (typeof token !== 'string' || !claims.has(token))
        return json(403, { ok: false, error: { code: 'claim-invalid', message: 'This link was already used.' } });
      if (typeof orgName !== 'string' || typeof name !== 'string' || typeof email !== 'string')
        return json(400, { ok: false, error: { code: 'bad-input', message: 'Missing field.' } });
      claims.delete(token);
      return json(200, { ok: true, value: { orgName } });
    }
    if (path.startsWith('/api/auth/')) return auth(path, headers, (body ?? {}) as Record<string, unknown>);
    return json(404, {});
  };

  return {
    origin,
    fetch,
    requests,
    outbox,
    /** Answers `name` with this handler from now on; signed-out callers only if `anyone` (getState). */
    on: (name: string, handler: CommandHandler, anyone = name === 'getState') =>
      void commands.set(name, { handler, anyone }),
    /** The next requests fail this way, in order. */
    fault: (...next: Fault[]) => void faults.push(...next),
    signIn: (email: string) => newSession(email),
    claimable: (token: string) => void claims.add(token),
    sessions,
    passkeys,
    /** How many writes were applied (a replayed key counts once). */
    applied: () => applied,
    /** Bumps the org's version and tells every open feed. */
    change: () => {
      version++;
      for (const feed of feeds) feed.enqueue(encoder.encode(`event: org-changed\ndata: {"version":${version}}\n\n`));
    },
    heartbeat: () => {
      for (const feed of feeds) feed.enqueue(encoder.encode(': heartbeat\n\n'));
    },
    /** Ends every open feed, as a server restart would. */
    dropFeeds: () => {
      for (const feed of feeds) feed.error(new TypeError('network error'));
      feeds.clear();
    },
    openFeeds: () => feeds.size,
  };
}

export type FakeServer = ReturnType<typeof createFakeServer>;
