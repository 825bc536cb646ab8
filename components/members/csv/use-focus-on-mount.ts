import { useEffect, useRef } from 'preact/hooks';

/** Each import step moves focus to its heading, so a screen reader announces where the admin now is. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
