import { fail, ok, type Result } from './result.ts';

// Deliberately simple: one @, a dotted domain, no spaces. SIA sends an invite to
// this address, so what matters is catching typos, not RFC 5322 corner cases.
const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const MAX_EMAIL_LENGTH = 254;

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
  const at = email.split('@').length - 1;
  if (at !== 1) {
    return fail('email-at-sign', `"${email}" must contain exactly one @, as in ana@example.com.`, 'email');
  }
  if (!EMAIL_SHAPE.test(email)) {
    return fail('email-shape', `"${email}" is not a valid email address: check the part after the @ (for example example.com).`, 'email');
  }
  return ok(email);
}
