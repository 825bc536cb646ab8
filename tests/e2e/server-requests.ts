import type { BrowserContext, Page, Request } from '@playwright/test';

/** One HTTP request a browser profile made to the team server. */
export interface ServerRequest {
  method: string;
  /** e.g. /api/commands/grantAccess */
  path: string;
  /** The page that sent it, or the extension's worker. */
  from: Page | 'worker';
  /** For a command answered with success: the org's version the answer is from. */
  version?: number;
}

/**
 * Every request one Chromium profile (a BrowserContext: its pages and its
 * extension's service worker, which Playwright reports too) sends to the team
 * server, with the version each command's answer carries. The change feed's
 * long-lived stream (GET /api/changes) is listed like any request.
 */
export function recordServerRequests(context: BrowserContext, serverOrigin: string) {
  const all: ServerRequest[] = [];
  const pending: Promise<void>[] = [];
  const fromOf = (request: Request): Page | 'worker' => (request.serviceWorker() ? 'worker' : request.frame().page());
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== serverOrigin) return;
    const entry: ServerRequest = { method: request.method(), path: url.pathname, from: fromOf(request) };
    all.push(entry);
    if (!url.pathname.startsWith('/api/commands/')) return;
    pending.push(
      request
        .response()
        .then(async (response) => {
          const body = (await response?.json().catch(() => undefined)) as { version?: unknown } | undefined;
          if (typeof body?.version === 'number') entry.version = body.version;
        })
        .catch(() => undefined),
    );
  });
  return {
    /** The requests from now on, once every answer among them has been read. */
    since: () => {
      const start = all.length;
      return async () => {
        await Promise.all(pending);
        return all.slice(start);
      };
    },
  };
}

/** A short list for a failure message. */
export const describeRequests = (requests: ServerRequest[]) =>
  requests.map((r) => `${r.from === 'worker' ? 'worker' : 'page'} ${r.method} ${r.path} v${r.version ?? '-'}`);
