import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../http/api-error';

/**
 * Long work checks this between its transactions: a server shutting down
 * stops it there, and its job fails saying how far it got.
 */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Interrupted: the server stopped while the job ran; what was done before stays done',
    );
  }
}
