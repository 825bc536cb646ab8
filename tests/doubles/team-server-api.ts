import type { FetchLike } from '../../lib/backend/team-server/shared/request.ts';

/**
 * A stand-in for the team server's HTTP API (server/README.md says what the real one answers), for
 * unit tests: commands with idempotency keys, the change feed as a stream,
 * the session, the email-code and sign-out endpoints and the owner's claim (the claimOrg command).
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

/** A success; `extra` adds what the real server adds (the caller's `view` after a write). */
export const answer = (value: unknown, extra: { view?: unknown } = {}): Reply => ({
  status: 200,
  body: { ok: true, value, ...extra },
});
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
  /** email → the orgs a person in several orgs is a member of (the first is where a sign-in without a choice lands). */
  const memberships = new Map<string, { orgId: string; orgName: string; role: 'admin' | 'user' }[]>();
  /** token → the org its membership is in, for a person in several orgs. */
  const sessionOrgs = new Map<string, string>();
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

  const newSession = (email: string, chosen?: string | null) => {
    const token = `token-${++tokens}`;
    sessions.set(token, email);
    const orgs = memberships.get(email);
    if (orgs) sessionOrgs.set(token, (orgs.find((o) => o.orgId === chosen) ?? orgs[0]!).orgId);
    return token;
  };
  const ORG = 'x-marketo-access-org';

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
    const handled = declared.handler(body, member);
    // As the real server: a success says the org's version it is from; a write moves it.
    const ok = (handled.body as { ok?: unknown } | null)?.ok === true;
    if (ok && key) version++;
    const reply = ok ? { ...handled, body: { ...(handled.body as object), version } } : handled;
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
      return json(
        200,
        { token: 'ignored', user: { email: body.email } },
        { 'set-auth-token': newSession(body.email, headers.get(ORG)) },
      );
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
      return json(
        200,
        { session: {}, user: { email: member } },
        { 'set-auth-token': newSession(member, headers.get(ORG)) },
      );
    }
    if (path === '/api/auth/switch-org') {
      const old = (headers.get('authorization') ?? '').replace(/^Bearer /, '');
      const member = sessions.get(old);
      if (!member) return json(401, { code: 'UNAUTHORIZED' });
      if (!memberships.get(member)?.some((o) => o.orgId === headers.get(ORG)))
        return json(403, { code: 'NOT_A_MEMBER', message: 'Not a member of that org.' });
      sessions.delete(old);
      return json(200, { orgId: headers.get(ORG) }, { 'set-auth-token': newSession(member, headers.get(ORG)) });
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
    if (path === '/api/commands/claimOrg') {
      const { token, orgName, name, email } = (body ?? {}) as Record<string, unknown>;
      if (typeof orgName !== 'string' || typeof name !== 'string' || typeof email !== 'string')
        return json(400, { ok: false, error: { code: 'bad-input', message: 'Missing field.' } });
      if (typeof token !== 'string' || !claims.has(token))
        return json(403, {
          ok: false,
          error: { code: 'not-invited', message: 'This claim link is unknown or was already used.' },
        });
      claims.delete(token);
      const member = { id: 'owner', name, email, role: 'admin', teams: ['Everyone'], status: 'invited', invitedAt: 1 };
      return json(200, { ok: true, value: { member } });
    }
    if (path.startsWith('/api/commands/')) return command(path.slice('/api/commands/'.length), headers, body);
    if (path === '/api/changes') return changes(headers);
    if (path === '/api/session') {
      const member = memberOf(headers);
      const orgs = member === undefined ? undefined : memberships.get(member);
      const orgId = sessionOrgs.get((headers.get('authorization') ?? '').replace(/^Bearer /, ''));
      const org = orgs?.find((o) => o.orgId === orgId);
      if (member && org)
        return json(200, {
          member: {
            id: `m-${org.orgId}`,
            name: member,
            email: member,
            role: org.role,
            teams: ['Everyone'],
            status: 'active',
            invitedAt: 1,
          },
          orgId: org.orgId,
          orgName: org.orgName,
          version,
          memberships: orgs,
        });
      return member
        ? json(200, { member: { email: member }, orgId: 'org-1', orgName: 'Acme', version })
        : json(401, {});
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
    signIn: (email: string, orgId?: string) => newSession(email, orgId),
    /** Makes `email` a person in these orgs (the first: where a sign-in without a choice lands). */
    memberOf: (email: string, orgs: { orgId: string; orgName: string; role: 'admin' | 'user' }[]) =>
      void memberships.set(email, orgs),
    /** The org a token's session is for (a person in several orgs). */
    orgOf: (token: string) => sessionOrgs.get(token),
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
