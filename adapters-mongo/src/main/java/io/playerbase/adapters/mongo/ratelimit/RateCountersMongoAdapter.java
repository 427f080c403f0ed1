package io.playerbase.adapters.mongo.ratelimit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micronaut.core.annotation.Nullable;
import io.playerbase.adapters.mongo.support.MongoErrors;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.RateCounters;
import jakarta.inject.Singleton;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * {@link RateCounters} in {@code rate_limit_counters}: one atomic {@code $inc} on the live window,
 * else one conditional upsert that starts a new window; two instances starting the same window at
 * once meet on the {@code _id} and the loser counts in the winner's window. Keys are stored as a keyed
 * hash (the blind index), since they name accounts by email.
 */
@Singleton
final class RateCountersMongoAdapter implements RateCounters {

    static final String COLLECTION = "rate_limit_counters";
    private static final int DUPLICATE_KEY = 11000;
    private static final int ATTEMPTS = 3;

    private final MongoCollection<Document> counters;
    private final BlindIndex blindIndex;
    private final Clock clock;

    RateCountersMongoAdapter(MongoDatabase database, BlindIndex blindIndex, @Nullable Clock clock) {
        this.counters = database.getCollection(COLLECTION);
        this.blindIndex = blindIndex;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    @Override
    public Window hit(String key, Duration window) {
        String id = blindIndex.of("rate_limit", key);
        return MongoErrors.call(() -> {
            for (int attempt = 1; ; attempt++) {
                Instant now = clock.instant();
                Document live = counters.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), Filters.gt("expires_at", Date.from(now))),
                        Updates.inc("count", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                if (live != null) {
                    return window(live);
                }
                try {
                    Document fresh = counters.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", id), Filters.lte("expires_at", Date.from(now))),
                            Updates.combine(Updates.set("count", 1L), Updates.set("expires_at", Date.from(now.plus(window)))),
                            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                    return window(fresh);
                } catch (MongoCommandException | MongoWriteException e) {
                    if (!isDuplicateKey(e) || attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public Optional<Window> current(String key) {
        Instant now = clock.instant();
        return MongoErrors.call(() -> Optional.ofNullable(counters.find(Filters.and(
                        Filters.eq("_id", blindIndex.of("rate_limit", key)), Filters.gt("expires_at", Date.from(now)))).first())
                .map(RateCountersMongoAdapter::window));
    }

    private static Window window(Document document) {
        return new Window(((Number) document.get("count")).longValue(), document.getDate("expires_at").toInstant());
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        return e instanceof MongoWriteException write ? write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                : ((MongoCommandException) e).getErrorCode() == DUPLICATE_KEY;
    }
}
