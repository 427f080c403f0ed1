package io.playerbase.adapters.mongo.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.playerbase.adapters.mongo.testing.EmbeddedMongo;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V0070 (the subscriptions collection, the module's new fields) and V0071 (an older system's premium as grants). */
class SubscriptionChangeUnitsTest {

    private final MongoDatabase database = EmbeddedMongo.freshDatabase();
    private final MongoCollection<Document> users = database.getCollection("users");

    private ObjectId user(Document subscription) {
        ObjectId id = new ObjectId();
        Document user = new Document("_id", id).append("username", "u" + id.toHexString()).append("status", "active");
        user.append("modules", subscription == null ? new Document("wallet", new Document()) : new Document("subscription", subscription));
        users.insertOne(user);
        return id;
    }

    private Document subscription(ObjectId id) {
        return users.find(Filters.eq("_id", id)).first().get("modules", Document.class).get("subscription", Document.class);
    }

    @Test
    void v0070AddsTheCollectionItsIndexesAndTheNewFieldsWithoutChangingAnything() {
        new V0002_AddModuleRegistry(database).execute();
        ObjectId fresh = user(new Document("plan", "free").append("status", "none").append("auto_renew", false));
        ObjectId edited = user(new Document("plan", "premium").append("status", "active").append("grace_until", "by hand"));
        ObjectId without = user(null);

        new V0070_AddSubscriptions(database).execute();
        new V0070_AddSubscriptions(database).execute();

        Set<String> indexes = database.getCollection("subscriptions").listIndexes().map(i -> i.getString("name")).into(new HashSet<>());
        assertTrue(indexes.containsAll(Set.of("ix_subscriptions_user_id", "ix_subscriptions_store_tokens", "ix_subscriptions_sweep_at")),
                indexes.toString());
        Document defaults = database.getCollection("user_modules").find(Filters.eq("module_name", "subscription")).first()
                .get("default_document", Document.class);
        assertTrue(defaults.containsKey("grace_until") && defaults.containsKey("store") && defaults.containsKey("granted_until"));
        assertEquals("free", defaults.getString("plan"));
        Document freshModule = subscription(fresh);
        assertTrue(freshModule.containsKey("store") && freshModule.get("store") == null);
        assertEquals("by hand", subscription(edited).get("grace_until"), "an existing value is never changed");
        assertNull(users.find(Filters.eq("_id", without)).first().get("modules", Document.class).get("subscription"));
    }

    @Test
    void v0071TurnsAnOlderSystemsRunningPremiumIntoAGrantUntilItsExpiry() {
        Date ahead = Date.from(Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS));
        Date past = Date.from(Instant.now().minus(Duration.ofDays(20)));
        ObjectId running = user(new Document("plan", "premium").append("status", "active").append("expires_at", ahead));
        ObjectId lapsed = user(new Document("plan", "premium").append("status", "active").append("expires_at", past));
        ObjectId undated = user(new Document("plan", "premium").append("status", "active"));
        ObjectId free = user(new Document("plan", "free").append("status", "active").append("expires_at", ahead));
        ObjectId ours = user(new Document("plan", "premium_monthly").append("status", "active").append("expires_at", ahead)
                .append("_version", 3L));

        new V0071_GrantLegacyPremium(database).execute();
        new V0071_GrantLegacyPremium(database).execute();

        Document granted = subscription(running);
        List<Document> grants = granted.getList("_grants", Document.class);
        assertEquals(1, grants.size(), "once, however often it runs");
        assertEquals(ahead, grants.get(0).getDate("expires_at"));
        assertEquals("legacy-premium", grants.get(0).getString("reason"));
        assertEquals("system", grants.get(0).getString("granted_by"));
        assertEquals(ahead, granted.getDate("granted_until"));
        assertEquals("premium", granted.getString("plan"), "the old fields stay");
        assertEquals("active", granted.getString("status"));
        assertEquals(1, users.find(Filters.eq("_id", running)).first().getList("pending_audit", Document.class).size());
        for (ObjectId untouched : List.of(lapsed, undated, free, ours)) {
            assertFalse(subscription(untouched).containsKey("_grants"), untouched.toHexString());
        }
    }
}
