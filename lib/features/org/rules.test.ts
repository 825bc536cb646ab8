import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { connectionMade, decideConnect, decideDisconnect } from './rules.ts';

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
