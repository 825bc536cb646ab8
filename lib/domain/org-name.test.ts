import { describe, expect, it } from 'vitest';
import { MAX_ORG_NAME_LENGTH, parseOrgName } from './org-name.ts';

describe('parseOrgName (the claim form, in the extension and on the server’s own page)', () => {
  it.each<[string, unknown, string]>([
    ['spaces folded', ' Acme   Corp ', 'Acme Corp'],
    ['the longest name', 'A'.repeat(MAX_ORG_NAME_LENGTH), 'A'.repeat(MAX_ORG_NAME_LENGTH)],
    ['other scripts', 'Société Générale', 'Société Générale'],
  ])('%s → accepted', (_case, raw, name) => {
    expect(parseOrgName(raw)).toEqual({ ok: true, value: name });
  });

  it.each<[string, unknown, string]>([
    ['empty', '', 'org-name-missing'],
    ['only spaces', '   ', 'org-name-missing'],
    ['not text', 42, 'org-name-missing'],
    ['one character too long', 'A'.repeat(MAX_ORG_NAME_LENGTH + 1), 'org-name-too-long'],
    ['a right-to-left override', 'Acme\u202E', 'name-invisible-characters'],
  ])('%s → %s, on the orgName field', (_case, raw, code) => {
    const parsed = parseOrgName(raw);
    expect(parsed.ok ? 'ok' : [parsed.problem.code, parsed.problem.field]).toEqual([code, 'orgName']);
  });
});
