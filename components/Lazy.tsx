import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/ui/i18n.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/**
 * A component loaded only when it is first shown (its own chunk): the
 * popup's start carries what nearly every opening shows, and the first-run
 * question, the sign-in and claim forms, a rep's card, a confirmation come
 * when they are needed.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { quiet = false }: { quiet?: boolean } = {},
): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      (loading ??= load().then((c) => (loaded = c))).then(
        (c) => setComponent(() => c),
        () => setFailed(true),
      );
    }, []);
    if (Component) return <Component {...props} />;
    // An extension updated under an open page can no longer load its old chunks.
    if (failed) return <ProblemMessage problem={{ code: 'no-answer', message: 'Reload the page.' }} />;
    // A part of a page (a preview, the filters) appears when loaded; a whole form says it is on its way.
    if (quiet) return null;
    return (
      <p aria-busy="true" class="loading">
        {t('common_loading')}
      </p>
    );
  };
}
