import { ApiError, idempotencyKey } from './api.js';

/**
 * One Idempotency-Key per money movement or premium change the admin confirms (a credit, debit,
 * reversal, refund, premium grant or revocation of grants). The key is kept only while the same
 * change may be retried — after a network error, a 409 (busy, key in use) or a 5xx — so confirming it
 * again replays it instead of applying it twice; any answer that settles it (success, 4xx refusal)
 * spends the key, and the next change gets a new one.
 */
export class MovementKeys {
  #pending = null;

  keyFor(movement) {
    const signature = JSON.stringify(movement);
    if (this.#pending?.signature !== signature) this.#pending = { signature, key: idempotencyKey() };
    return this.#pending.key;
  }

  settle(error) {
    const retryable = error instanceof ApiError && (error.status === 0 || error.status === 409 || error.status >= 500);
    if (!retryable) this.#pending = null;
  }

  /** Sends {@code movement} with its key through {@code call(key)} and settles the key by the answer. */
  send(movement, call) {
    return call(this.keyFor(movement))
      .then(result => { this.settle(null); return result; }, error => { this.settle(error); throw error; });
  }
}
