/** Who a message comes from, as the runtime reports it. */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
}

/**
 * Only this extension's own pages may command the worker. Content scripts
 * share our id but run on a web page's URL; other extensions have another id.
 */
export function isOwnPage(sender: MessageSender | undefined, extensionId: string, extensionOrigin: string): boolean {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // protocol + host, not URL.origin: non-web schemes give an opaque 'null' origin in some engines.
  const origin = `${url.protocol}//${url.host}`;
  if (origin !== extensionOrigin.replace(/\/$/, '')) return false;
  return sender.origin === undefined || sender.origin === origin;
}
