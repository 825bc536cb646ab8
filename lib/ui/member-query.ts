import type { Grant } from '../domain/grant.ts';
import type { Member } from '../domain/member.ts';

export type AccessFilter = 'all' | 'granted' | 'not-granted';
export type MemberSort = 'name' | 'email' | 'access';

export interface MemberQuery {
  search: string;
  access: AccessFilter;
  /** Empty: every team. */
  team: string;
  sort: MemberSort;
}

export const EMPTY_QUERY: MemberQuery = { search: '', access: 'all', team: '', sort: 'name' };

/** User Access's search, filters and sort; pure, so 10,000 members are cheap to test and to re-run on each keystroke. */
export function queryMembers(
  members: readonly Member[],
  grants: ReadonlyMap<string, Grant>,
  query: MemberQuery,
  locale = 'en',
): Member[] {
  const needle = query.search.trim().toLocaleLowerCase(locale);
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const matches = members.filter((m) => {
    if (needle && !m.name.toLocaleLowerCase(locale).includes(needle) && !m.email.includes(needle)) return false;
    if (query.access === 'granted' && !grants.has(m.id)) return false;
    if (query.access === 'not-granted' && grants.has(m.id)) return false;
    return !query.team || m.teams.includes(query.team);
  });
  const byName = (a: Member, b: Member) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email);
  const compare: Record<MemberSort, (a: Member, b: Member) => number> = {
    name: byName,
    email: (a, b) => collator.compare(a.email, b.email),
    // Members without access first: those are the ones an admin came to grant.
    access: (a, b) => Number(grants.has(a.id)) - Number(grants.has(b.id)) || byName(a, b),
  };
  return matches.sort(compare[query.sort]);
}

/** Shift-click: every id between the last clicked row and this one, in the order shown. */
export function rangeBetween(shown: readonly Member[], fromId: string, toId: string): string[] {
  const from = shown.findIndex((m) => m.id === fromId);
  const to = shown.findIndex((m) => m.id === toId);
  if (from < 0 || to < 0) return [toId];
  const [start, end] = from < to ? [from, to] : [to, from];
  return shown.slice(start, end + 1).map((m) => m.id);
}
