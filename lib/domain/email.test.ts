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
