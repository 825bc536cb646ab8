import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from '../lib/domain/result.ts';
import { t } from '../lib/ui/i18n.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

interface Props {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** A destructive action: styled as such, and focus starts on Cancel so Enter does not destroy. */
  danger?: boolean;
  busy?: boolean;
  cancelLabel?: string;
  problem?: Problem | undefined;
}

/**
 * The one in-page confirmation: a modal <dialog>, so the browser keeps focus
 * inside and Escape cancels. Focus goes back to what had it (the button that
 * opened it) when it closes, so a keyboard user does not start over from the top.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  danger = false,
  busy = false,
  cancelLabel,
  problem,
}: Props) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const first = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Said outright rather than left to autofocus, which not every engine applies inside a dialog.
    first.current?.focus();
    // No close() on unmount: a dialog taken out of the page closes itself, and close() would report a cancel.
    return () => opener?.isConnected && opener.focus();
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        // Escape: we close by unmounting, so the page's state and the dialog agree.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body">{children}</div>
      <ProblemMessage problem={problem} />
      <div class="actions">
        <button
          type="button"
          class={danger ? 'secondary danger' : undefined}
          disabled={busy}
          ref={danger ? undefined : first}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" class="secondary" disabled={busy} ref={danger ? first : undefined} onClick={onCancel}>
          {cancelLabel ?? t('common_cancel')}
        </button>
      </div>
    </dialog>
  );
}
