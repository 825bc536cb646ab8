/**
 * The worker announces every write on one BroadcastChannel; pages re-read
 * when told, so nobody polls. Extension pages and the worker share an origin.
 */
const CHANNEL_NAME = 'marketo-access/changes';

export interface ChangeNotice {
  kind: 'org-changed';
}

export function announceChange(): void {
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.postMessage({ kind: 'org-changed' } satisfies ChangeNotice);
  channel.close();
}

/** Calls `listener` on each change; returns the unsubscribe. */
export function onChange(listener: () => void): () => void {
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if ((event.data as Partial<ChangeNotice> | null)?.kind === 'org-changed') listener();
  };
  return () => channel.close();
}
