import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openOrgDb } from '../../lib/db/open.ts';
import { announceChange } from '../../lib/messaging/changes.ts';
import { createMarketoCheck, sessionTokenStore } from '../../lib/marketo/check-connection.ts';
import { instanceOrigins } from '../../lib/domain/marketo-endpoints.ts';
import { createWorker } from '../../lib/worker/worker.ts';
import { browserReadyNotice } from '../../lib/waiting-period/ready-notice-browser.ts';

// Wiring only. Listeners are registered synchronously so that an event that
// wakes the worker is not missed.
export default defineBackground(() => {
  const tokenStore = sessionTokenStore(browser.storage.session);
  const worker = createWorker({
    openDb: () => openOrgDb(),
    now: () => Date.now(),
    alarms: browser.alarms,
    action: browser.action,
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
    checkConnection: createMarketoCheck({
      hasHostPermission: (origins) => browser.permissions.contains({ origins }),
      tokenStore,
    }),
    // The sandbox on loopback is for builds made for development and tests, never a production build.
    endpoints: { allowLoopback: import.meta.env.MARKETO_SANDBOX === true },
    forgetToken: () => tokenStore.clear(),
    forgetInstance: async (endpoints) =>
      void (await browser.permissions.remove({ origins: instanceOrigins(endpoints) })),
    announce: announceChange,
    badgeTitle: {
      waiting: (minutes) => browser.i18n.getMessage('badgeWaitingTitle', [minutes]),
      ready: browser.i18n.getMessage('badgeReadyTitle'),
      idle: browser.i18n.getMessage('extName'),
    },
  });
  browser.runtime.onMessage.addListener(worker.onMessage);
  browser.alarms.onAlarm.addListener(worker.onAlarm);
  browser.alarms.onAlarm.addListener(browserReadyNotice());
  browser.runtime.onStartup.addListener(worker.onStartup);
});
