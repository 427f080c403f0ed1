package io.playerbase.application.idempotency;

import java.time.Duration;

/**
 * @param retention how long a key and its response are kept ({@code playerbase.idempotency.retention}, 24 h)
 * @param lease     how long a first attempt may run before a retry with the same key may take over
 *                  ({@code playerbase.idempotency.lease}): longer than any request should take
 */
public record IdempotencySettings(Duration retention, Duration lease) {

    public IdempotencySettings {
        if (retention.isNegative() || retention.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("idempotency retention and lease must be positive");
        }
    }
}
