import { getMessageFrom, messagesOf } from '../unit/use-locale.ts';

/**
 * The pages' words outside a browser: the team server's suites run in plain
 * Node, with no fake browser, yet render lines as the Activity tab does.
 * wxt's browser object is the global chrome object there, read when it is first
 * imported: import this module before anything of lib/ui.
 */
const i18n = { getMessage: getMessageFrom(messagesOf('en')), getUILanguage: () => 'en' };
(globalThis as { chrome?: unknown }).chrome ??= { i18n };

export function useLocaleInNode(locale: 'en' | 'fr'): void {
  Object.assign(i18n, { getMessage: getMessageFrom(messagesOf(locale)), getUILanguage: () => locale });
}
