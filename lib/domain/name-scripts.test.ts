import { describe, expect, it } from 'vitest';
import { parseName } from './member.ts';
import { mixedScriptWord, scriptsOf } from './name-scripts.ts';

describe('names that mix scripts within a word', () => {
  it.each([
    ['Вob Оwner', 'Вob'], // Cyrillic В and О before Latin letters
    ['Bob Оwner', 'Оwner'],
    ['Jοhn Smith', 'Jοhn'], // a Greek omicron
    ['Pаula', 'Pаula'], // a Cyrillic а
    ['Ζωή Παπαδοπουλοu', 'Παπαδοπουλοu'], // a Latin u at the end of a Greek word
  ])('refuses %s, naming the word', (name, word) => {
    expect(mixedScriptWord(name)).toBe(word);
    const parsed = parseName(name);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toMatchObject({ code: 'name-mixed-scripts', field: 'name' });
      expect(parsed.problem.message).toContain(`“${word}”`);
      expect(parsed.problem.message).toContain('type it again in one alphabet');
    }
  });

  it.each([
    'Ζωή',
    'Дмитрий Иванов',
    'Ana López',
    'Zoë Saldaña-Nguyễn',
    "Seán O'Brien",
    '山田はなこ', // Japanese: Han and Hiragana in one word
    '김민준',
    'محمد علي',
    'דוד לוי',
    'Jean-Дмитрий', // two words joined by a hyphen, each in one script
    'R2-D2 Smith', // digits belong to every script
  ])('accepts %s', (name) => {
    expect(parseName(name)).toEqual({ ok: true, value: name });
  });

  it('knows the script of every letter Unicode has in this engine (none is left to guess)', () => {
    const unnamed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      for (const script of scriptsOf(String.fromCodePoint(cp))) if (script.startsWith('U+')) unnamed.push(script);
    }
    expect(unnamed).toEqual([]);
  });
});
