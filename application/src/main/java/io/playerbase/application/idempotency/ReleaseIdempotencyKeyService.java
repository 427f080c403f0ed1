package io.playerbase.application.idempotency;

import io.playerbase.application.idempotency.port.in.ReleaseIdempotencyKeyUseCase;
import io.playerbase.domain.shared.IdempotencyStore;
import jakarta.inject.Singleton;

/** Gives a claim up without a response (a transient failure), so a retry executes the request. */
@Singleton
final class ReleaseIdempotencyKeyService implements ReleaseIdempotencyKeyUseCase {

    private final IdempotencyStore store;

    ReleaseIdempotencyKeyService(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void release(Command command) {
        store.release(command.scope(), command.key(), command.leaseId());
    }
}
