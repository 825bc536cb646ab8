/**
 * fast-check generators shared by the fuzz tests: text that looks like what
 * people paste (and what they should not), near-miss emails and Munchkin IDs,
 * and well-formed teams to check invitations against.
 */
import fc from 'fast-check';
import type { Member } from '../../lib/domain/member.ts';

/** At least this many runs per property (the issue asks for 1,000). */
export const RUNS = 1_000;

/** Strings that have broken parsers before: whitespace of every kind, markup, prototype keys, huge and odd text. */
export const TRICKY_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u200b',
  '\u0000',
  '@',
  '@@',
  '.',
  '-',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  "'; DROP TABLE members; --",
  'Ⅻ',
  'ı',
  'ſ',
  'ß',
  'İ',
  '０１２',
  '١٢٣',
  '𝟏𝟐𝟑',
  '👩‍💻',
  'e\u0301',
  'x'.repeat(255),
  'x'.repeat(10_000),
];

export const trickyString = fc.constantFrom(...TRICKY_STRINGS);

/** Any text, weighted towards the awkward. */
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: trickyString },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(trickyString, fc.string({ maxLength: 3 })), { maxLength: 5 })
      .map((parts) => parts.join('')),
  },
);

/** Whether `String(value)` works: fast-check likes keys such as "toString", which make it throw. */
const stringable = (value: unknown): boolean => {
  try {
    String(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Text or anything else a message could carry. Values whose String() throws
 * are left to HOSTILE_VALUES and their own tests, so that one known finding
 * does not fail every property at random.
 */
export const anyValue = fc
  .oneof(
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.anything({ withBoxedValues: true }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(undefined, null, 0, -1, NaN, Infinity, true, [], {}, [[]], ['admin']),
    },
  )
  .filter(stringable);

/**
 * Values with no usable toString: `String(x)` and template literals throw on
 * them. JSON carries the first ones intact, so a page's message can hold them.
 * Kept apart from anyValue so one finding makes one failing test.
 */
export const HOSTILE_VALUES: unknown[] = [
  { toString: false },
  { toString: null, valueOf: null },
  { toString: 'admin' },
  Object.create(null),
  [Object.create(null)],
];

/** A sparse array: `some`/`every` skip its holes, `for…of` does not. Only a direct caller can pass one (JSON turns holes into null). */
// eslint-disable-next-line no-sparse-arrays
export const SPARSE_ARRAY: unknown[] = [, 'EMEA'];

const pad = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0', ' \t ');

/** Valid-looking emails, then small mistakes: case, padding, a char inserted, removed or swapped. */
export const nearEmail = fc
  .tuple(
    fc.oneof(
      fc.emailAddress(),
      fc.constantFrom('ana@example.com', "o'brien@example.ie", 'first+tag@sub.example.co.uk', 'A.B@EXAMPLE.COM'),
    ),
    fc.constantFrom('none', 'upper', 'insert', 'delete', 'swap'),
    fc.nat(),
    fc.constantFrom(
      ' ',
      '@',
      '<',
      '>',
      '(',
      '"',
      ',',
      ';',
      ':',
      '\\',
      '[',
      '.',
      '-',
      '\u00a0',
      'é',
      '\u0000',
      '..',
      '@example.com',
    ),
    pad,
    pad,
  )
  .map(([email, edit, at, char, before, after]) => {
    const i = email.length === 0 ? 0 : at % email.length;
    const edited =
      edit === 'upper'
        ? email.toUpperCase()
        : edit === 'insert'
          ? email.slice(0, i) + char + email.slice(i)
          : edit === 'delete'
            ? email.slice(0, i) + email.slice(i + 1)
            : edit === 'swap'
              ? email.slice(0, i) + char + email.slice(i + 1)
              : email;
    return `${before}${edited}${after}`;
  });

const digit = fc.constantFrom(...'0123456789');
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const join = (parts: string[]) => parts.join('');

/** Well-formed Munchkin IDs in any case, padded as pasted. */
export const goodMunchkin = fc
  .tuple(
    pad,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
    fc.array(letter, { minLength: 3, maxLength: 3 }),
    fc.array(digit, { minLength: 3, maxLength: 3 }),
    pad,
  )
  .map(([a, d1, l, d2, b]) => `${a}${join(d1)}-${join(l)}-${join(d2)}${b}`);

/** Almost Munchkin IDs: a part too long or short, the wrong separator, a letter for a digit. */
export const nearMunchkin = fc.oneof(
  goodMunchkin,
  fc
    .tuple(goodMunchkin, fc.nat(), fc.constantFrom('', '-', '_', ' ', 'O', '0', 'é', 'ı', '1', 'A', '--'))
    .map(([m, at, c]) => {
      const i = at % (m.length + 1);
      return m.slice(0, i) + c + m.slice(i + 1);
    }),
  fc
    .tuple(
      fc.stringMatching(/^\d{2,4}$/),
      fc.stringMatching(/^[A-Za-z]{2,4}$/),
      fc.stringMatching(/^\d{2,4}$/),
      fc.constantFrom('-', '', '_'),
    )
    .map(([a, b, c, s]) => `${a}${s}${b}${s}${c}`),
);

/** URLs people paste as endpoints, good and bad. */
export const nearUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://123-ABC-456.mktorest.com/rest',
    'https://123-ABC-456.mktorest.com/rest/',
    'https://123-abc-456.mktorest.com/identity///',
    'http://127.0.0.1:4010/identity',
    'http://localhost:4010/rest',
    'http://127.0.0.2/rest',
    'http://[::1]:4010/rest',
    'http://evil.example/rest',
    'https://user:pass@123-ABC-456.mktorest.com/rest',
    'https://123-ABC-456.mktorest.com/rest?access_token=x',
    'https://123-ABC-456.mktorest.com/rest#x',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    'chrome-extension://abc/popup.html',
    '//123-ABC-456.mktorest.com/rest',
    '123-ABC-456.mktorest.com/rest',
    'https://',
    'https:// space.example/rest',
  ),
  text,
);

export const TEAM_POOL = [
  'Everyone',
  'EMEA',
  'Sales',
  'North America',
  'APAC',
  'Support',
  'Marketing',
  'Ops',
  'Ventes',
  'Équipe B',
];

/** A valid list of members as the store holds it: unique lowercase emails, at most `max` members, at most 20 teams in all. */
export const memberList = (max = 100) =>
  fc.integer({ min: 0, max }).chain((count) =>
    fc
      .array(fc.subarray(TEAM_POOL, { minLength: 1, maxLength: 3 }), { minLength: count, maxLength: count })
      .map((teams) =>
        teams.map((memberTeams, i): Member => ({
          id: `m${i}`,
          name: `Member ${i}`,
          email: `m${i}@example.com`,
          role: i === 0 ? 'admin' : 'user',
          teams: memberTeams,
          status: 'invited',
          invitedAt: 1,
        })),
      ),
  );

/** An invitation row as a page or a CSV could send it: mostly plausible, sometimes anything. */
export const inviteRow = fc.record(
  {
    name: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Ana', 'Bo Li', '  Cy  Dee ', 'Ø', '<b>Bold</b>') },
      { weight: 2, arbitrary: text },
      { weight: 1, arbitrary: anyValue },
    ),
    email: fc.oneof(
      { weight: 4, arbitrary: nearEmail },
      { weight: 1, arbitrary: fc.constantFrom('m1@example.com', 'M2@Example.com ', 'new@example.com') },
      { weight: 1, arbitrary: anyValue },
    ),
    role: fc.oneof(fc.constantFrom('admin', 'user', 'Admin', ' USER ', '', 'owner', 'administrator'), anyValue),
    teams: fc.oneof(
      fc.subarray([...TEAM_POOL, 'New 1', 'New 2', 'new 1', ' EMEA ', '', 'x'.repeat(51)]),
      fc.constantFrom('EMEA; Sales', 'A,B,C', ';;', ' , '),
      fc.array(text, { maxLength: 25 }),
      anyValue,
    ),
  },
  { requiredKeys: ['name', 'email'] },
);
