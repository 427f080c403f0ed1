package io.playerbase.adapters.mongo.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a stored value that cannot be read (corrupt or foreign ciphertext, unknown key, wrong BSON
 * type): one ERROR line naming collection, document id and field, never the value, and the counter
 * {@code playerbase.stored.data.unreadable} tagged with collection and field, so an alert can fire.
 */
@Singleton
public final class UnreadableValues {

    static final String METRIC = "playerbase.stored.data.unreadable";
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableValues.class);

    private final MeterRegistry registry;

    public UnreadableValues(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param reason what is wrong (the cipher's failure text or the stored type), never the value itself */
    public void report(String collection, String documentId, String field, String reason) {
        LOG.error("Unreadable stored value: {} document {} field {}: {}; an admin can clear it", collection,
                documentId, field, reason);
        if (registry != null) {
            Counter.builder(METRIC).description("Stored values that could not be read (corrupt, foreign or wrong type)")
                    .tag("collection", collection).tag("field", field).register(registry).increment();
        }
    }
}
