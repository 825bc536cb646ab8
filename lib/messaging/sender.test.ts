import { describe, expect, it } from 'vitest';
import { isOwnPage } from './sender.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('isOwnPage', () => {
  it.each([
    ['the popup', { id: ID, url: `${ORIGIN}/popup.html` }, true],
    ['the options page in a tab', { id: ID, url: `${ORIGIN}/options.html#access`, origin: ORIGIN }, true],
    ['a Firefox page', { id: ID, url: 'moz-extension://uuid-1/popup.html' }, false],
    [
      'our content script on a web page',
      { id: ID, url: 'https://app.marketo.com/', origin: 'https://app.marketo.com' },
      false,
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/popup.html' }, false],
    ['another extension claiming our id in its url', { id: 'other', url: `${ORIGIN}/popup.html` }, false],
    ['a look-alike host', { id: ID, url: `chrome-extension://${ID}.evil.example/popup.html` }, false],
    ['a mismatched origin', { id: ID, url: `${ORIGIN}/popup.html`, origin: 'https://evil.example' }, false],
    ['an unparsable url', { id: ID, url: 'not a url' }, false],
    ['no url', { id: ID }, false],
    ['nothing', {}, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isOwnPage(sender, ID, ORIGIN)).toBe(expected);
  });

  it('accepts the Firefox origin when that is ours', () => {
    expect(isOwnPage({ id: ID, url: 'moz-extension://uuid-1/popup.html' }, ID, 'moz-extension://uuid-1/')).toBe(true);
  });
});
