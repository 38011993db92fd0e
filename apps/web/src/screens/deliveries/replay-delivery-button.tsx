import { useRef, useState } from 'react';
import { type DeliveryStatus, replayDelivery } from '../../api/deliveries';
import { ConfirmDialog } from '../../components/confirm-dialog';

/**
 * Replay with a confirmation: the receiver gets the request again under the
 * same webhook-id. Disabled, with the reason, for people without campaigns:write.
 */
export function ReplayDeliveryButton({
  deliveryId,
  webhookId,
  url,
  canReplay,
  sending,
  onReplayed,
}: {
  deliveryId: string;
  webhookId: string;
  url: string;
  canReplay: boolean;
  /** Pending: queued or being sent now. A retrying delivery may be replayed: it is sent now instead of at its next retry. */
  sending: boolean;
  onReplayed: (status: DeliveryStatus) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  // Read after the dialog closes, by a callback created before the answer came.
  const answer = useRef<DeliveryStatus | null>(null);
  const reason = !canReplay
    ? 'Replaying needs the campaigns:write permission'
    : sending
      ? 'This delivery is being sent'
      : 'Send this webhook again now';

  return (
    <>
      <span className={canReplay && !sending ? undefined : 'tooltip-host'} title={reason}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => setConfirming(true)}
          disabled={!canReplay || sending}
          data-testid="delivery-replay"
        >
          Replay
        </button>
      </span>
      {confirming && (
        <ConfirmDialog
          title="Send this webhook again?"
          confirmLabel="Replay now"
          onConfirm={async () => {
            answer.current = (await replayDelivery(deliveryId)).status;
          }}
          onDone={() => {
            setConfirming(false);
            if (answer.current) onReplayed(answer.current);
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The same request goes to <strong className="break-anywhere">{url}</strong> now, with the same{' '}
            <code>webhook-id</code> (<code>{webhookId}</code>), so a receiver that deduplicates by it can tell it is a
            repeat. A contact who already went on past this element stays where it is.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
