import type { ReactNode } from 'react';
import { useAction } from '../hooks/use-action';
import { Dialog } from './dialog';
import { FormError } from './form-error';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Runs the destructive request; the dialog stays open and shows the error if it fails. */
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onDone, onCancel }: ConfirmDialogProps) {
  const action = useAction(async () => {
    await onConfirm();
    return true;
  });

  const confirm = async () => {
    if (await action.run()) onDone();
  };

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      size="small"
      busy={action.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={action.pending}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={action.pending}>
            {action.pending ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div className="stack">
        <div>{children}</div>
        <FormError error={action.error} />
      </div>
    </Dialog>
  );
}
