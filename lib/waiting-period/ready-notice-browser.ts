import { browser } from 'wxt/browser';
import { readyNotice } from './ready-notice.ts';

/** readyNotice over the real browser APIs: what the background registers, in one line, beside its other alarm listener. */
export const browserReadyNotice = () =>
  readyNotice({
    hasPermission: () => browser.permissions.contains({ permissions: ['notifications'] }),
    notify: (id, options) => browser.notifications.create(id, options),
    message: (key) => browser.i18n.getMessage(key),
    iconUrl: browser.runtime.getURL('/icon/ready.png'),
    now: () => Date.now(),
  });
