package io.playerbase.application.idempotency.port.in;

public interface ReleaseIdempotencyKeyUseCase {

    /** Gives a claimed key up without a response (a transient failure), so a retry executes the request. */
    void release(Command command);

    record Command(String scope, String key, String leaseId) {
    }
}
