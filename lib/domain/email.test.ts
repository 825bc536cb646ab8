import { describe, expect, it } from 'vitest';
import { parseEmail } from './email.ts';

describe('parseEmail', () => {
  it.each([
    ['ana@example.com', 'ana@example.com'],
    ['  Ana.Lopez@Example.COM ', 'ana.lopez@example.com'],
    ['first+tag@sub.example.co.uk', 'first+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseEmail(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'email-missing'],
    ['   ', 'email-missing'],
    [undefined, 'email-missing'],
    [42, 'email-missing'],
    ['ana lopez@example.com', 'email-has-space'],
    ['ana.example.com', 'email-at-sign'],
    ['ana@@example.com', 'email-at-sign'],
    ['ana@example', 'email-shape'],
    ['ana@-example.com', 'email-shape'],
    ['<img>@example.com', 'email-shape'],
    ['<img src=x>@example.com', 'email-has-space'],
    ['ana@example..com', 'email-shape'],
    [`${'a'.repeat(250)}@example.com`, 'email-too-long'],
  ])('rejects %j with %s and a message', (raw, code) => {
    const result = parseEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe(code);
      expect(result.problem.field).toBe('email');
      expect(result.problem.message.length).toBeGreaterThan(10);
    }
  });
});

describe('look-alike addresses', () => {
  it.each([
    ['a Cyrillic а before the @', 'аna@example.com'],
    ['a Greek ο before the @', 'bοb@example.com'],
    ['a full-width letter', 'ａna@example.com'],
    ['an accented letter', 'ané@example.com'],
    ['a zero-width space', 'a\u200bna@example.com'],
  ])('%s is refused, so two members cannot differ only by a look-alike letter', (_case, email) => {
    const result = parseEmail(email);
    expect(result.ok ? 'ok' : result.problem.code).toBe('email-not-ascii');
  });

  it('plain ASCII addresses with the usual signs are accepted', () => {
    expect(parseEmail("o'neil+sia@example.com")).toEqual({ ok: true, value: "o'neil+sia@example.com" });
  });
});
