package io.playerbase.application.idempotency.port.in;

public interface RecordIdempotentResponseUseCase {

    /** Stores the response of a claimed request, to be replayed to retries with the same key. */
    void record(Command command);

    record Command(String scope, String key, String leaseId, int status, String contentType, String body) {
    }
}
