import { browser } from 'wxt/browser';

/**
 * Asks, inside the Connect click (browsers only prompt during a user
 * gesture), whether the extension may notify the admin when the ten-minute
 * wait is over. Optional: a refusal or a browser that cannot ask changes
 * nothing else, so the caller does not wait for the answer.
 */
export async function requestReadyNotifications(): Promise<boolean> {
  try {
    return await browser.permissions.request({ permissions: ['notifications'] });
  } catch {
    return false;
  }
}
