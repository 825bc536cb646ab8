import { fail, ok, type Result } from './result.ts';

// Deliberately simple: one @, a dotted domain, no spaces. SIA sends an invite to
// this address, so what matters is catching typos, not RFC 5322 corner cases.
const EMAIL_SHAPE =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const MAX_EMAIL_LENGTH = 254;

/** Trims, lower-cases and checks a work email. */
export function parseEmail(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return fail('email-missing', 'Enter an email address, for example ana@example.com.', 'email');
  }
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) {
    return fail('email-too-long', `The email address is longer than ${MAX_EMAIL_LENGTH} characters.`, 'email');
  }
  if (/\s/.test(email)) {
    return fail('email-has-space', `"${email}" contains a space: remove it.`, 'email');
  }
  // Only ASCII before the @: two addresses differing by a look-alike letter
  // (Cyrillic 'а' for Latin 'a') would otherwise be two members. The domain is
  // ASCII by the shape below (IDN domains are written in their xn-- form).
  if (/[^\x21-\x7e]/.test(email)) {
    return fail(
      'email-not-ascii',
      `"${email}" holds letters outside plain ASCII: type it again with plain letters.`,
      'email',
    );
  }
  const at = email.split('@').length - 1;
  if (at !== 1) {
    return fail('email-at-sign', `"${email}" must contain exactly one @, as in ana@example.com.`, 'email');
  }
  if (!EMAIL_SHAPE.test(email)) {
    return fail(
      'email-shape',
      `"${email}" is not a valid email address: check the part after the @ (for example example.com).`,
      'email',
    );
  }
  return ok(email);
}
