/**
 * Fuzzed protocol messages through the worker's onMessage, as a page would
 * send them (the harness's own-page sender), over one org database:
 * arbitrary values, and near misses of every command (a key dropped, added
 * or retyped, a command name nearly right, the channel nearly right).
 *
 * For each message: the listener answers (or keeps the channel open and
 * answers later), nothing throws, a refusal has a code and a message and is
 * never "internal" (that would be an exception caught by the router), and a
 * refusal changes nothing: every store, the badge, the alarms, and no change
 * is announced. An accepted message may change the org; the database is then
 * put back as it was, so every run starts from the same org.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { COMMANDS } from '../../lib/features/registry.ts';
import { CHANNEL } from '../../lib/messaging/protocol.ts';
import type { MessageSender } from '../../lib/messaging/sender.ts';
import { EXTENSION_ID, freshDbName, manualClock, ORIGIN, OWN_PAGE, startWorker } from '../fixtures/worker-harness.ts';
import { anyValue, HOSTILE_VALUES, RUNS, text, trickyString } from './arbitraries.ts';
import { rawDump, restore, snapshot, type RawDump } from './support.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

let w: ReturnType<typeof startWorker>;
let baseline: RawDump;
let baselineText: string;
let announced = 0;
let ids: { owner: string; ana: string; bo: string };
const clock = manualClock(T0);

beforeAll(async () => {
  fakeBrowser.reset();
  w = startWorker({ dbName: freshDbName(), now: clock.now, announce: () => announced++ });
  const owner = await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
  const ana = await w.must('inviteMember', { name: 'Ana', email: 'ana@example.com' });
  const bo = await w.must('inviteMember', { name: 'Bo', email: 'bo@example.com', role: 'admin', teams: ['EMEA'] });
  await w.must('connectOrg', { munchkinId: '123-ABC-456', clientId: 'client-id', clientSecret: 'client-secret' });
  clock.advance(10 * 60_000);
  await w.must('grantAccess', { memberIds: [ana.id], workspaceIds: [2] });
  ids = { owner: owner.id, ana: ana.id, bo: bo.id };
  baseline = await rawDump(await w.db());
  baselineText = await snapshot(await w.db());
});

afterAll(async () => {
  await w.close();
});

/**
 * Valid inputs for each command against the org above, some of which the
 * worker's rules refuse (removing yourself, demoting the owner, inviting a
 * member twice…); a command added later gets `{}`.
 */
function validInputs(): [string, Record<string, unknown>][] {
  const known: Record<string, Record<string, unknown>[]> = {
    getState: [{}],
    previewAs: [{ memberId: ids.ana }, { memberId: 'nobody' }],
    getActivity: [{}],
    signIn: [
      { name: 'Mallory', email: 'ana@example.com' },
      { name: 'Mallory', email: 'mallory@example.com' },
      { name: '', email: 'BO@example.com ' },
    ],
    signOut: [{}],
    inviteMember: [
      { name: 'Zed', email: 'zed@example.com', role: 'user', teams: ['EMEA'] },
      { name: 'Ana again', email: 'ANA@example.com' },
      { name: ' ', email: 'x@example.com' },
    ],
    inviteMembers: [
      {
        rows: [
          { name: 'Zed', email: 'zed@example.com' },
          { name: 'Yan', email: 'yan@example.com', role: 'admin' },
        ],
      },
      { rows: [{ name: 'Dup', email: 'bo@example.com' }] },
    ],
    updateMember: [
      { memberId: ids.bo, role: 'user', teams: ['Sales'] },
      { memberId: ids.owner, role: 'user' },
      { memberId: 'nobody', teams: [] },
    ],
    removeMember: [{ memberId: ids.ana }, { memberId: ids.owner }, { memberId: 'nobody' }],
    connectOrg: [
      {
        munchkinId: '123-abc-456',
        clientId: 'client-id',
        clientSecret: 'client-secret',
        restBaseUrl: 'http://127.0.0.1:4010/rest',
        identityBaseUrl: 'http://127.0.0.1:4010/identity',
      },
      { munchkinId: '123-abc-45', clientId: 'client-id', clientSecret: 'client secret' },
    ],
    disconnectOrg: [{}],
    refreshWorkspaces: [{}],
    grantAccess: [
      { memberIds: [ids.bo, ids.ana], workspaceIds: [2, 3] },
      { memberIds: [ids.bo], workspaceIds: [99] },
      { memberIds: ['nobody'], workspaceIds: [] },
    ],
    removeAccess: [{ memberIds: [ids.ana, ids.bo] }, { memberIds: ['nobody'] }],
    changeWorkspaces: [
      { memberIds: [ids.ana], workspaceIds: [3] },
      { memberIds: [ids.bo], workspaceIds: [2] },
    ],
  };
  return Object.keys(COMMANDS).flatMap((name) =>
    (known[name] ?? [{}]).map((input) => [name, input] as [string, Record<string, unknown>]),
  );
}

/** A value close to `value`: the same kind with an edge value, another kind, or anything. */
function nearValue(value: unknown): fc.Arbitrary<unknown> {
  const otherKind = fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -0,
    2 ** 53,
    true,
    '',
    [],
    {},
    '1',
  );
  if (typeof value === 'string') {
    return fc.oneof(
      trickyString,
      text,
      fc.constantFrom(
        'x'.repeat(101),
        'x'.repeat(201),
        'x'.repeat(321),
        'x'.repeat(501),
        value.toUpperCase(),
        ` ${value} `,
      ),
      otherKind,
      fc.constant([value]),
    );
  }
  if (typeof value === 'number') {
    return fc.oneof(
      fc.constantFrom(-1, 0, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53 + 2, Number.MIN_VALUE, String(value)),
      fc.double(),
      fc.integer(),
      otherKind,
    );
  }
  if (Array.isArray(value)) {
    return fc.oneof(
      fc.constant([]),
      fc.constant([...value, ...value]),
      fc.array(fc.oneof(...value.map((item) => nearValue(item)), anyValue), { maxLength: 8 }),
      fc.constant(new Array(10_001).fill(value[0] ?? 'x')),
      otherKind,
    );
  }
  if (value !== null && typeof value === 'object')
    return fc.oneof(nearObject(value as Record<string, unknown>), otherKind);
  return fc.oneof(otherKind, anyValue);
}

/** An object with one key dropped, added or given a near value; or two such edits. */
function nearObject(object: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(object);
  const oneEdit = (base: Record<string, unknown>) => {
    const edits: fc.Arbitrary<Record<string, unknown>>[] = [
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              'extra',
              '__proto__',
              'constructor',
              'toString',
              'input',
              'channel',
              'Role',
              'memberIDs',
              'everyone',
            ),
            fc.string({ maxLength: 8 }),
          ),
          anyValue,
        )
        .map(([key, v]) => {
          const copy = { ...base };
          Object.defineProperty(copy, key, { value: v, enumerable: true, configurable: true, writable: true });
          return copy;
        }),
    ];
    if (keys.length > 0) {
      edits.push(
        fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
      );
      edits.push(fc.constantFrom(...keys).chain((key) => nearValue(base[key]).map((v) => ({ ...base, [key]: v }))));
    }
    return fc.oneof(...edits);
  };
  return fc.oneof({ weight: 3, arbitrary: oneEdit(object) }, { weight: 1, arbitrary: oneEdit(object).chain(oneEdit) });
}

/** Messages a page could send by mistake, or a compromised one on purpose. */
function messages(): fc.Arbitrary<unknown> {
  const valid = validInputs().map(([command, input]) => ({ channel: CHANNEL, command, input }));
  const base = fc.constantFrom(...valid);
  const commandNames = Object.keys(COMMANDS);
  const nearCommand = fc.oneof(
    fc
      .constantFrom(...commandNames)
      .chain((name) =>
        fc.constantFrom(
          name.toUpperCase(),
          name.toLowerCase(),
          ` ${name}`,
          `${name} `,
          `${name}s`,
          name.slice(0, -1),
          `${name}\u0000`,
          `${name.charAt(0).toUpperCase()}${name.slice(1)}`,
        ),
      ),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      'dropDatabase',
      'eval',
      '',
    ),
    anyValue,
  );
  const nearChannel = fc.oneof(
    fc.constantFrom(
      `${CHANNEL} `,
      CHANNEL.toUpperCase(),
      'marketo-access/changes',
      'marketo-access',
      '',
      null,
      undefined,
      [CHANNEL],
      42,
    ),
    anyValue,
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: base },
    { weight: 6, arbitrary: base.chain((m) => nearObject(m.input).map((input) => ({ ...m, input }))) },
    { weight: 2, arbitrary: base.chain((m) => nearCommand.map((command) => ({ ...m, command }))) },
    { weight: 1, arbitrary: base.chain((m) => nearChannel.map((channel) => ({ ...m, channel }))) },
    { weight: 1, arbitrary: base.chain((m) => anyValue.map((input) => ({ ...m, input }))) },
    { weight: 1, arbitrary: base.chain((m) => nearObject(m)) },
  );
}

interface Delivery {
  /** The listener neither answered nor returned true: the page would wait forever. */
  dropped: boolean;
  threw?: unknown;
  response?: unknown;
}

/** Calls the listener as Chromium does; notes a synchronous throw or a message left unanswered. */
async function deliver(message: unknown, sender: MessageSender = OWN_PAGE): Promise<Delivery> {
  let answered: ((value: unknown) => void) | undefined;
  const answer = new Promise<unknown>((resolve) => (answered = resolve));
  let kept: unknown;
  let sync = false;
  try {
    kept = w.worker.onMessage(message, sender, (response) => {
      sync = true;
      answered?.(response);
    });
  } catch (threw) {
    return { dropped: false, threw };
  }
  if (kept !== true && !sync) return { dropped: true };
  return { dropped: false, response: await answer };
}

async function browserState() {
  return JSON.stringify({
    badge: await fakeBrowser.action.getBadgeText({}),
    alarms: (await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime, a.periodInMinutes]).sort(),
  });
}

type Response = { ok: true; value: unknown } | { ok: false; error: { code: unknown; message: unknown } };

// Each property runs RUNS (1,000) messages through the worker: 2 to 4 s alone, over vitest's default 5 s on a loaded
// 2-core machine. The timeout is the runner's budget for that many runs; no figure here is asserted on time.
const FUZZ = { timeout: 60_000 };

describe('protocol messages, fuzzed through the worker', () => {
  it('every message is answered without an exception; a refusal is readable and changes nothing', FUZZ, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen = { refused: new Map<string, number>(), accepted: 0 };
    await fc.assert(
      fc.asyncProperty(messages(), async (message) => {
        const db = await w.db();
        const browserBefore = await browserState();
        announced = 0;
        const delivery = await deliver(message);
        expect(delivery.threw, 'the listener threw').toBeUndefined();
        expect(delivery.dropped, 'the listener left the message unanswered').toBe(false);
        const response = delivery.response as Response;
        expect(typeof response).toBe('object');
        expect(typeof response.ok).toBe('boolean');
        if (!response.ok) {
          const { code, message: text } = response.error;
          expect(typeof code === 'string' && code.length > 0, `code ${String(code)}`).toBe(true);
          expect(typeof text === 'string' && text.trim().length > 0, 'message').toBe(true);
          expect(code, `an exception reached the router: ${String(text)}`).not.toBe('internal');
          seen.refused.set(code as string, (seen.refused.get(code as string) ?? 0) + 1);
          expect(await snapshot(db)).toBe(baselineText);
          expect(await browserState()).toBe(browserBefore);
          expect(announced).toBe(0);
          return;
        }
        seen.accepted++;
        if ((await snapshot(db)) !== baselineText) {
          await restore(db, baseline);
          expect(await snapshot(db)).toBe(baselineText);
        }
      }),
      { numRuns: RUNS },
    );
    // The generator reached the worker's own rules, not only the schema.
    expect(seen.accepted).toBeGreaterThan(20);
    expect([...seen.refused.keys()]).toEqual(expect.arrayContaining(['bad-message', 'unknown-command', 'bad-input']));
  });

  it('a message with no usable toString where a string belongs is refused, not thrown', async () => {
    const db = await w.db();
    const problems: string[] = [];
    // [message, may it be accepted?] A null-prototype object is a fine empty input.
    const cases = HOSTILE_VALUES.flatMap((value): [unknown, boolean][] => [
      [{ channel: CHANNEL, command: value, input: {} }, false],
      [{ channel: value, command: 'getState', input: {} }, false],
      [{ channel: CHANNEL, command: 'signIn', input: { name: value, email: value } }, false],
      [{ channel: CHANNEL, command: 'grantAccess', input: { memberIds: [value], workspaceIds: [value] } }, false],
      [{ channel: CHANNEL, command: 'getState', input: value }, true],
    ]);
    for (const [message, mayPass] of cases) {
      const delivery = await deliver(message);
      const shown = JSON.stringify(message);
      if (delivery.threw !== undefined)
        problems.push(
          `${shown}: threw ${delivery.threw instanceof Error ? `${delivery.threw.name}: ${delivery.threw.message}` : String(delivery.threw)}`,
        );
      else if (delivery.dropped) problems.push(`${shown}: left unanswered`);
      else if ((delivery.response as Response).ok && !mayPass) problems.push(`${shown}: accepted`);
    }
    expect(problems).toEqual([]);
    expect(await snapshot(db)).toBe(baselineText);
  });

  it('a refused command from a signed-out page changes nothing either', FUZZ, async () => {
    const db = await w.db();
    await w.must('signOut', {});
    const signedOut = await rawDump(db);
    const signedOutText = await snapshot(db);
    try {
      await fc.assert(
        fc.asyncProperty(messages(), async (message) => {
          announced = 0;
          const delivery = await deliver(message);
          expect(delivery.threw).toBeUndefined();
          expect(delivery.dropped).toBe(false);
          const response = delivery.response as Response;
          if (!response.ok) {
            expect(response.error.code).not.toBe('internal');
            expect(await snapshot(db)).toBe(signedOutText);
            expect(announced).toBe(0);
          } else {
            // Signed out, only what anyone may run gets through: reading, signing in and out.
            const command = (message as { command: keyof typeof COMMANDS }).command;
            expect(COMMANDS[command].who).toBe('anyone');
            if ((await snapshot(db)) !== signedOutText) await restore(db, signedOut);
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      await restore(db, baseline);
    }
  });

  it('any sender but our own pages is refused with forbidden-sender, and nothing changes', FUZZ, async () => {
    const db = await w.db();
    const nearUrl = fc.oneof(
      fc.constantFrom(
        `${ORIGIN}/options.html`,
        `${ORIGIN}/popup.html#x`,
        `${ORIGIN}`,
        `${ORIGIN}.evil.example/popup.html`,
        `chrome-extension://${EXTENSION_ID.toUpperCase()}/popup.html`,
        `chrome-extension://other-id/popup.html`,
        `moz-extension://${EXTENSION_ID}/popup.html`,
        `https://${EXTENSION_ID}/popup.html`,
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'about:blank',
        'data:text/html,hi',
        'not a url',
        '',
      ),
      fc.webUrl(),
      text,
    );
    const nearId = fc.oneof(
      fc.constantFrom(EXTENSION_ID, `${EXTENSION_ID} `, EXTENSION_ID.toUpperCase(), 'other-extension', '', undefined),
      text,
    );
    const nearOrigin = fc.oneof(
      fc.constantFrom(undefined, ORIGIN, `${ORIGIN}/`, 'null', 'https://evil.example', `chrome-extension://other-id`),
      text,
    );
    const sender = fc.record(
      {
        id: nearId,
        url: nearUrl,
        origin: nearOrigin,
        tab: fc.constantFrom(undefined, { id: 1 }),
        frameId: fc.constantFrom(undefined, 0, 3),
      },
      { requiredKeys: [] },
    );
    /** Our own page as the router must see it: our id, a URL on our origin, and an origin that agrees when given. */
    const ours = (s: MessageSender) => {
      if (s.id !== EXTENSION_ID || typeof s.url !== 'string') return false;
      let url: URL;
      try {
        url = new URL(s.url);
      } catch {
        return false;
      }
      return (
        url.protocol === 'chrome-extension:' &&
        url.host === EXTENSION_ID &&
        (s.origin === undefined || s.origin === ORIGIN)
      );
    };
    // signOut would change the session if it got through.
    const message = { channel: CHANNEL, command: 'signOut', input: {} };
    await fc.assert(
      fc.asyncProperty(sender, async (s) => {
        announced = 0;
        const delivery = await deliver(message, s as MessageSender);
        expect(delivery.threw).toBeUndefined();
        const response = delivery.response as Response;
        if (!ours(s as MessageSender)) {
          expect(response).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
          expect(await snapshot(db)).toBe(baselineText);
          expect(announced).toBe(0);
        } else {
          expect(response.ok).toBe(true);
          await restore(db, baseline);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
