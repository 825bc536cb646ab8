import { browser } from 'wxt/browser';

/**
 * A visible string in the browser's language (public/_locales/{en,fr}).
 * Every key used in the pages is checked against both locales by
 * tests/unit/locales.test.ts. Substitutions are plain text, never markup.
 */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key as never, substitutions.map(String));
  return text || key;
}

/**
 * The language the messages are in, for dates and numbers. Read from the
 * messages themselves: the browser's UI language can differ from the locale
 * it picked for us (seen with --lang=fr in headless Chromium).
 */
export const uiLocale = (): string => browser.i18n.getMessage('common_locale' as never) || browser.i18n.getUILanguage();
