/**
 * Whether this process is draining (SIGTERM): it takes no new request, its
 * readiness probe fails, and each open change stream ends itself with a
 * retry hint when told.
 */
export interface Lifecycle {
  readonly draining: boolean;
  /** `listener` runs once when the drain starts (at once if it has). Answers an unsubscribe. */
  onDrain(listener: () => void): () => void;
  startDrain(): void;
}

export function createLifecycle(): Lifecycle {
  const listeners = new Set<() => void>();
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    onDrain(listener) {
      if (draining) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startDrain() {
      if (draining) return;
      draining = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}

export const SHUTTING_DOWN = {
  code: 'shutting-down',
  message: 'This team server process is shutting down: nothing was changed. Try again: another one will answer.',
} as const;
