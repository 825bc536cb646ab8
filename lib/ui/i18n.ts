import { browser } from 'wxt/browser';

/**
 * The language the messages are in, for dates, numbers and plurals. Read from
 * the messages themselves: the browser's UI language can differ from the
 * locale it picked for us (seen with --lang=fr in headless Chromium).
 */
export const uiLocale = (): string => browser.i18n.getMessage('common_locale' as never) || browser.i18n.getUILanguage();

/** Numbers as the reader writes them ("1,000" in English, "1 000" in French); text as is. */
const shown = (value: string | number, locale: string): string =>
  typeof value === 'number' ? value.toLocaleString(locale) : value;

/**
 * A visible string in the browser's language (public/_locales/{en,fr}).
 * Every key used in the pages is checked against both locales by
 * tests/unit/locales.test.ts. Substitutions are plain text, never markup.
 */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const locale = substitutions.some((s) => typeof s === 'number') ? uiLocale() : 'en';
  const text = browser.i18n.getMessage(
    key as never,
    substitutions.map((s) => shown(s, locale)),
  );
  return text || key;
}

/**
 * The plural categories our messages carry: the union of what English (one,
 * other) and French (one, many, other) use. Every counted message has a key
 * for each, `<key>_one`, `<key>_many`, `<key>_other`, in both locales.
 */
export const PLURAL_CATEGORIES = ['one', 'many', 'other'] as const;

/** The key of a counted message for `count` under `locale`'s plural rules (French: 0 and 1 are "one"). */
export function pluralKey(key: string, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count);
  return (PLURAL_CATEGORIES as readonly string[]).includes(category) ? `${key}_${category}` : `${key}_other`;
}

/**
 * A counted message: `count` picks the plural form, `substitutions` fill
 * $1…$n (numbers formatted for the reader). chrome.i18n has no plurals,
 * so each form is its own key.
 */
export function tp(key: string, count: number, ...substitutions: (string | number)[]): string {
  return t(pluralKey(key, count, uiLocale()), ...substitutions);
}
