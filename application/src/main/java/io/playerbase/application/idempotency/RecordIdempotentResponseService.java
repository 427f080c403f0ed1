package io.playerbase.application.idempotency;

import io.playerbase.application.idempotency.port.in.RecordIdempotentResponseUseCase;
import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;
import jakarta.inject.Singleton;

/** Stores the response of a claimed key, to be replayed to retries with the same key (docs/wallet.md). */
@Singleton
final class RecordIdempotentResponseService implements RecordIdempotentResponseUseCase {

    private final IdempotencyStore store;

    RecordIdempotentResponseService(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void record(Command command) {
        store.complete(command.scope(), command.key(), command.leaseId(),
                new IdempotencyRecord.StoredResponse(command.status(), command.contentType(), command.body()));
    }
}
