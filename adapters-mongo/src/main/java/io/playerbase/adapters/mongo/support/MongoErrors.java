package io.playerbase.adapters.mongo.support;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.playerbase.domain.shared.Unavailable;

import java.util.function.Supplier;

/** Turns "the database cannot be reached" into the domain's {@link Unavailable} (503), nothing else. */
public final class MongoErrors {

    private MongoErrors() {
    }

    public static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoTimeoutException | MongoSocketException e) {
            throw new Unavailable("database-unavailable", "The database cannot be reached; retry later", e);
        }
    }

    public static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }
}
