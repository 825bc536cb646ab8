import { fail, ok, type Result } from './result.ts';

/** `123-ABC-456`: three digits, three letters, three digits. */
export const MUNCHKIN_ID_LENGTH = 11;

// The Munchkin ID is Marketo's account id, shown under Admin > Munchkin,
// always three digits, three letters, three digits.
const MUNCHKIN_SHAPE = /^\d{3}-[A-Za-z]{3}-\d{3}$/;

/** Trims and upper-cases a Munchkin ID such as `123-ABC-456`. */
export function parseMunchkinId(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return fail(
      'munchkin-missing',
      'Enter the Munchkin ID, found in Marketo under Admin > Munchkin (for example 123-ABC-456).',
      'munchkinId',
    );
  }
  // Shape checked before upper-casing, in ASCII: 'ı'.toUpperCase() is 'I'.
  const id = raw.trim();
  if (!MUNCHKIN_SHAPE.test(id)) {
    return fail(
      'munchkin-shape',
      `"${raw.trim()}" is not a Munchkin ID: it has the shape 123-ABC-456 (three digits, three letters, three digits). Copy it from Admin > Munchkin.`,
      'munchkinId',
    );
  }
  return ok(id.toUpperCase());
}

/** How a Munchkin ID being typed stands: nothing yet, a good start, the whole shape, or already off the shape. */
export type TypedShape = 'empty' | 'partial' | 'complete' | 'wrong';

const MUNCHKIN_PATTERN = 'ddd-LLL-ddd';

/** Checked as each character is typed, so a wrong one shows at once rather than at Connect. */
export function munchkinAsTyped(raw: string): TypedShape {
  const text = raw.trim();
  if (text === '') return 'empty';
  if (text.length > MUNCHKIN_PATTERN.length) return 'wrong';
  for (const [i, char] of [...text].entries()) {
    const want = MUNCHKIN_PATTERN[i];
    const fits = want === 'd' ? /[0-9]/.test(char) : want === 'L' ? /[A-Za-z]/.test(char) : char === want;
    if (!fits) return 'wrong';
  }
  return text.length === MUNCHKIN_PATTERN.length ? 'complete' : 'partial';
}
