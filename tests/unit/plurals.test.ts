import { describe, expect, it } from 'vitest';
import { PLURAL_CATEGORIES, pluralKey, tp } from '../../lib/ui/i18n.ts';
import { messagesOf, useLocale } from './use-locale.ts';

const en = messagesOf('en');
/** Every counted message: a key with a "_one" form. */
const COUNTED = Object.keys(en)
  .filter((key) => key.endsWith('_one'))
  .map((key) => key.slice(0, -'_one'.length));

// What each language calls singular: English 1 only, French 0 and 1.
const SINGULAR = { en: [1], fr: [0, 1] } as const;
const SHOWN: Record<'en' | 'fr', Record<number, string>> = {
  en: { 0: '0', 1: '1', 2: '2', 1000: '1,000' },
  fr: { 0: '0', 1: '1', 2: '2', 1000: '1\u202f000' },
};

describe('counted messages', () => {
  it('there are some, and each has every plural form in both languages', () => {
    expect(COUNTED.length).toBeGreaterThan(15);
    for (const locale of ['en', 'fr'] as const) {
      const messages = messagesOf(locale);
      for (const key of COUNTED)
        for (const category of PLURAL_CATEGORIES)
          expect(messages[`${key}_${category}`], `${locale} ${key}_${category}`).toBeDefined();
    }
  });

  describe.each(['en', 'fr'] as const)('in %s', (locale) => {
    const messages = messagesOf(locale);
    it.each(COUNTED.flatMap((key) => [0, 1, 2, 1000].map((count) => [key, count] as const)))(
      '%s at %i: the right form, the count as the reader writes it',
      (key, count) => {
        useLocale(locale);
        const form = (SINGULAR[locale] as readonly number[]).includes(count) ? 'one' : 'other';
        expect(pluralKey(key, count, locale)).toBe(`${key}_${form}`);
        const text = tp(key, count, count, 'X', 'Y');
        expect(text).toBe(
          messages[`${key}_${form}`]!.message.replace(/\$1/g, SHOWN[locale][count]!)
            .replace(/\$2/g, 'X')
            .replace(/\$3/g, 'Y'),
        );
        // The word after a singular count is singular ("1 members", "0 affichés" are the bugs this guards).
        if (form === 'one')
          expect(text).not.toMatch(
            new RegExp(
              `(^|\\s)${count} (members|membres|workspaces|espaces|rows|lignes|teams|équipes|connectés|ignorés|sélectionnés|affichés)\\b`,
            ),
          );
      },
    );
  });

  it.each<[string, 'en' | 'fr', number, (string | number)[], string]>([
    ['access_grantedOutcome', 'en', 1, [1], '1 member connected.'],
    ['access_removedOutcome', 'en', 1, [1], 'Access removed for 1 member.'],
    ['access_removedOutcome', 'fr', 1000, [1000], 'Accès retiré à 1\u202f000 membres.'],
    ['access_counts', 'fr', 1, [1, 1], '1 membre, 1 à l’écran'],
    ['members_teamsCount', 'fr', 1, [1, 20], 'L’organisation aurait 1 équipe, sur 20 au maximum.'],
    [
      'access_removeConfirm',
      'fr',
      1,
      [1],
      'Retirer l’accès à Marketo à 1 membre\u202f? Ce membre perd les Moments intéressants et les Campagnes marketing jusqu’à une nouvelle connexion.',
    ],
    ['access_selectedCount', 'fr', 0, [0], '0 sélectionné'],
    ['csv_import', 'fr', 2, [2], 'Importer 2 membres'],
  ])('%s (%s, %i)', (key, locale, count, substitutions, expected) => {
    useLocale(locale);
    expect(tp(key, count, ...substitutions)).toBe(expected);
  });
});
