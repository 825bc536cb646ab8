import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string }>;

/** The messages of one locale as shipped in public/_locales. */
export const messagesOf = (locale: 'en' | 'fr'): Messages =>
  JSON.parse(readFileSync(join(process.cwd(), `public/_locales/${locale}/messages.json`), 'utf8')) as Messages;

/** Chrome's getMessage over the given messages: $1…$9 substituted, '' for an unknown key. */
export const getMessageFrom = (messages: Messages) => (key: string, substitutions?: string | string[]) => {
  const list = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return messages[key]?.message.replace(/\$(\d)/g, (_m, n: string) => list[Number(n) - 1] ?? '') ?? '';
};

/** Serves the pages one locale's messages, as chrome.i18n would in a browser set to that language. */
export function useLocale(locale: 'en' | 'fr'): void {
  Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(messagesOf(locale)), getUILanguage: () => locale });
}
