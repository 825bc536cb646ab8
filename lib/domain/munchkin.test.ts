import { describe, expect, it } from 'vitest';
import { munchkinAsTyped, parseMunchkinId } from './munchkin.ts';

describe('parseMunchkinId', () => {
  it.each([
    ['123-ABC-456', '123-ABC-456'],
    [' 123-abc-456 ', '123-ABC-456'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseMunchkinId(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'munchkin-missing'],
    [null, 'munchkin-missing'],
    ['123ABC456', 'munchkin-shape'],
    ['12-ABC-456', 'munchkin-shape'],
    ['123-AB1-456', 'munchkin-shape'],
    ['123-ABC-456.mktorest.com', 'munchkin-shape'],
    ['123 - ABC - 456', 'munchkin-shape'],
    ['123-ıab-456', 'munchkin-shape'],
  ])('rejects %j with %s', (raw, code) => {
    const result = parseMunchkinId(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe(code);
      expect(result.problem.message).toMatch(/Munchkin/);
    }
  });
});

describe('a Munchkin ID as it is typed', () => {
  it.each([
    ['', 'empty'],
    ['1', 'partial'],
    ['123-a', 'partial'],
    ['123-ABC-45', 'partial'],
    [' 123-abc-456 ', 'complete'],
    ['12a', 'wrong'],
    ['123ABC', 'wrong'],
    ['123-ABC-4567', 'wrong'],
    ['https://123-ABC-456.mktorest.com', 'wrong'],
  ])('%j is %s', (typed, shape) => {
    expect(munchkinAsTyped(typed)).toBe(shape);
  });
});
