package io.playerbase.adapters.mongo.idempotency;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.shared.IdempotencyRecord;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.IdempotencyStoreContract;
import io.playerbase.domain.testing.FakeFieldCipher;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IdempotencyMongoAdapter}: the port's contract, and what it writes to {@code idempotency_keys}. */
abstract class IdempotencyMongoAdapterTest extends IdempotencyStoreContract {

    private ApplicationContext context;
    private MongoCollection<Document> raw;

    abstract MongoTarget target();

    @Override
    protected IdempotencyStore createStore() {
        context = target().startAdapters();
        raw = context.getBean(MongoDatabase.class).getCollection("idempotency_keys");
        return context.getBean(IdempotencyStore.class);
    }

    @Override
    protected void closeStore() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    @Test
    void theExpiryIsStoredAsADateForTheTtlIndex() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        Document stored = raw.find(Filters.eq("key", record.key())).first();
        assertEquals(Date.from(record.expiresAt()), stored.get("expires_at"), "a date, for the TTL index");
    }

    @Test
    void theStoredResponseIsEncrypted() {
        IdempotencyRecord record = inFlight("admin-1", "k-" + UUID.randomUUID());
        store.insertIfAbsent(record);
        assertTrue(store.complete("admin-1", record.key(), record.leaseId(), response("{\"balance_after\":987654}")));
        Document rawRecord = raw.find(Filters.eq("key", record.key())).first();
        assertFalse(rawRecord.toJson().contains("987654"), rawRecord.toJson());
        assertTrue(new FakeFieldCipher().isCiphertext(rawRecord.get("response", Document.class).getString("body")));
    }
}
