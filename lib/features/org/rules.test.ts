import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { connectionMade, decideConnect, decideDisconnect, handoverProgress } from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const code = (r: { ok: boolean; problem?: { code: string }; value?: unknown }) =>
  r.ok ? (typeof r.value === 'string' ? r.value : 'ok') : r.problem?.code;
const connected = (over: Parameters<typeof anOrg>[0] = {}): OrgConnectionState => ({
  status: 'connected',
  connection: anOrg({ ownerId: 'owner', ...over }),
});

describe('making the org connection (docs/RULES.md, rule 8)', () => {
  it.each<[string, typeof owner, ReturnType<typeof aGrant> | undefined, OrgConnectionState, string]>([
    ['any admin, when the org is not connected', admin, undefined, { status: 'not-connected' }, 'ok'],
    [
      'any admin, after a disconnect',
      admin,
      undefined,
      { status: 'disconnected', disconnectedAt: 1, disconnectedBy: 'owner' },
      'ok',
    ],
    ['the owner, replacing their own connection', owner, undefined, connected(), 'ok'],
    ['another admin acting alone', admin, undefined, connected(), 'connect-not-handover'],
    [
      'another admin who still has access',
      admin,
      aGrant('admin2'),
      connected({ handoverTo: ['admin2'] }),
      'connect-has-grant',
    ],
    [
      'an admin whose access the owner removed (the handover)',
      admin,
      undefined,
      connected({ handoverTo: ['admin2'] }),
      'ok',
    ],
  ])('%s → %s', (_case, actor, grant, org, expected) => {
    expect(code(decideConnect(actor, grant, org))).toBe(expected);
  });

  it('a handover keeps the old owner until they disconnect; the new owner starts a new waiting period', () => {
    const made = connectionMade(
      admin,
      connected({ handoverTo: ['admin2'] }),
      { munchkinId: '123-ABC-456', clientId: 'c' },
      { ...anOrg(), workspaces: [] },
      5_000,
    );
    expect(made.ownerId).toBe('admin2');
    expect(made.previousOwnerId).toBe('owner');
    expect(made.handoverTo).toBeUndefined();
    expect(made.readyAt).toBe(5_000 + 10 * 60_000);
  });
});

describe('the secret given back to an org moved without it: the waiting period', () => {
  // Moved an hour after it was first connected: its waiting period ended long ago.
  const moved = anOrg({ ownerId: 'owner', connectedAt: 1_000, needsSecret: true });
  const same = { munchkinId: moved.munchkinId, clientId: moved.clientId };
  const checkedAs = (over: Partial<typeof moved> = {}) => ({
    restBaseUrl: over.restBaseUrl ?? moved.restBaseUrl,
    identityBaseUrl: over.identityBaseUrl ?? moved.identityBaseUrl,
    workspacesEnabled: true,
    workspaces: [{ id: 9, name: 'APAC' }],
  });
  const NOW = 3_600_000;
  it.each<[string, typeof owner, OrgConnectionState, { munchkinId: string; clientId: string }, string, 'kept' | 'new']>(
    [
      [
        'the owner, the same connection → the same waiting period',
        owner,
        { status: 'connected', connection: moved },
        same,
        '',
        'kept',
      ],
      [
        'another Munchkin ID → a new waiting period',
        owner,
        { status: 'connected', connection: moved },
        { ...same, munchkinId: '999-ZZZ-999' },
        '',
        'new',
      ],
      [
        'another Client ID → a new waiting period',
        owner,
        { status: 'connected', connection: moved },
        { ...same, clientId: 'other' },
        '',
        'new',
      ],
      [
        'another REST endpoint → a new waiting period',
        owner,
        { status: 'connected', connection: moved },
        same,
        'https://other.mktorest.com/rest',
        'new',
      ],
      [
        'a connection that has its secret (a reconnect) → a new waiting period',
        owner,
        connected({ connectedAt: 1_000 }),
        same,
        '',
        'new',
      ],
      [
        'an admin in a handover, the same connection → a new waiting period',
        admin,
        { status: 'connected', connection: { ...moved, handoverTo: ['admin2'] } },
        same,
        '',
        'new',
      ],
      [
        'after a disconnect → a new waiting period',
        owner,
        { status: 'disconnected', disconnectedAt: 1, disconnectedBy: 'owner' },
        same,
        '',
        'new',
      ],
    ],
  )('%s', (_case, actor, org, fields, restBaseUrl, expected) => {
    const made = connectionMade(actor, org, fields, checkedAs(restBaseUrl ? { restBaseUrl } : {}), NOW);
    if (expected === 'kept') {
      expect({ connectedAt: made.connectedAt, readyAt: made.readyAt }).toEqual({
        connectedAt: 1_000,
        readyAt: moved.readyAt,
      });
      expect(made.needsSecret).toBeUndefined();
      // What Marketo answers now replaces the moved workspaces.
      expect(made.workspaces).toEqual([{ id: 9, name: 'APAC' }]);
    } else
      expect({ connectedAt: made.connectedAt, readyAt: made.readyAt }).toEqual({
        connectedAt: NOW,
        readyAt: NOW + 10 * 60_000,
      });
  });
});

describe('disconnecting', () => {
  it.each<[string, typeof owner, OrgConnectionState, string]>([
    ['the owner', owner, connected(), 'disconnect'],
    ['another admin', admin, connected(), 'not-owner'],
    [
      'the old owner after a handover',
      owner,
      connected({ ownerId: 'admin2', previousOwnerId: 'owner' }),
      'end-handover',
    ],
    ['anyone, when not connected', owner, { status: 'not-connected' }, 'org-not-connected'],
  ])('%s → %s', (_case, actor, org, expected) => {
    expect(code(decideDisconnect(actor, org))).toBe(expected);
  });
});

describe('where a handover stands (the guided panel)', () => {
  it.each<[string, Parameters<typeof anOrg>[0], ReturnType<typeof handoverProgress>]>([
    ['no handover yet: the owner removes the new admin’s access', {}, { step: 1, ownerId: 'owner' }],
    [
      'access removed: that admin connects the org',
      { handoverTo: ['admin2'] },
      { step: 2, ownerId: 'owner', newAdminIds: ['admin2'] },
    ],
    [
      'the new admin connected: the old owner disconnects, which ends it',
      { ownerId: 'admin2', previousOwnerId: 'owner' },
      { step: 3, ownerId: 'admin2', previousOwnerId: 'owner' },
    ],
  ])('%s', (_, over, progress) => {
    expect(handoverProgress(anOrg(over))).toEqual(progress);
  });

  it('follows the stored connection through the three steps the commands make', () => {
    const before = anOrg({ ownerId: 'owner' });
    const opened = { ...before, handoverTo: ['admin2'] };
    expect(handoverProgress(opened).step).toBe(2);
    const taken = connectionMade(
      admin,
      { status: 'connected', connection: opened },
      { munchkinId: '123-ABC-456', clientId: 'id' },
      {
        restBaseUrl: before.restBaseUrl,
        identityBaseUrl: before.identityBaseUrl,
        workspacesEnabled: false,
        workspaces: [],
      },
      before.connectedAt + 1,
    );
    expect(handoverProgress(taken)).toEqual({ step: 3, ownerId: 'admin2', previousOwnerId: 'owner' });
    const { previousOwnerId: _ended, ...ended } = taken;
    expect(handoverProgress(ended)).toEqual({ step: 1, ownerId: 'admin2' });
  });
});
