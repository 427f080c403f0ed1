package io.playerbase.adapters.mongo.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.access.ApiKeyListing;
import io.playerbase.domain.access.ApiKeyRepository;
import io.playerbase.domain.access.Scope;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.FakeFieldCipher;
import io.playerbase.domain.testing.FakePasswordHasher;
import io.playerbase.domain.testing.FakeSecretHasher;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the API-key adapters keep, on every MongoDB we support. */
abstract class ApiKeyStoreContract {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final FakeSecretHasher hasher = new FakeSecretHasher();
    private ApplicationContext context;
    private ApiKeyRepository keys;
    private ApiKeyListing listing;
    private MongoCollection<Document> raw;

    protected abstract Map<String, Object> storeProperties();

    @BeforeEach
    void start() {
        context = ApplicationContext.builder()
                .properties(storeProperties())
                .properties(Map.of("playerbase.mongo.database", "contract_" + new ObjectId().toHexString(),
                        "playerbase.comp-players.password", "comp-player-test-password"))
                .singletons(new FakeFieldCipher(), new FakeBlindIndex(), new FakePasswordHasher(), new io.playerbase.domain.testing.FakePersonalDataKeys())
                .start();
        keys = context.getBean(ApiKeyRepository.class);
        listing = context.getBean(ApiKeyListing.class);
        raw = context.getBean(MongoDatabase.class).getCollection("api_keys");
    }

    @AfterEach
    void stop() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private ApiKey.Issued issue(String name, Instant at) {
        ApiKey.Issued issued = ApiKey.issue(name, Set.of(Scope.MATCHES_WRITE, Scope.USERS_READ), hasher, "admin-1", at);
        keys.insert(issued.key());
        return issued;
    }

    @Test
    void aKeyRoundTripsWithoutItsSecret() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        ApiKey stored = keys.findById(issued.key().id()).orElseThrow();
        assertEquals("eu-1", stored.name());
        assertEquals(Set.of(Scope.MATCHES_WRITE, Scope.USERS_READ), stored.scopes());
        assertEquals(NOW, stored.createdAt().truncatedTo(ChronoUnit.MILLIS));
        assertEquals("admin-1", stored.createdBy());
        assertTrue(stored.active());
        assertTrue(stored.accepts(issued.credential().secret(), hasher));
        Document document = raw.find(Filters.eq("_id", issued.key().id().value())).first();
        assertEquals(issued.key().id().value(), document.getString("key_id"));
        assertFalse(document.toJson().contains(issued.credential().secret()), "the secret is never stored");
        assertTrue(keys.findById(new ApiKeyId("pbk_000000000000000000000000")).isEmpty());
    }

    @Test
    void theFirstRevocationWinsAndIsStored() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        ApiKey first = keys.findById(issued.key().id()).orElseThrow();
        ApiKey second = keys.findById(issued.key().id()).orElseThrow();
        first.revoke("admin-1", NOW.plusSeconds(1));
        second.revoke("admin-2", NOW.plusSeconds(2));
        assertTrue(keys.storeRevocation(first));
        assertFalse(keys.storeRevocation(second));
        ApiKey stored = keys.findById(issued.key().id()).orElseThrow();
        assertFalse(stored.active());
        assertEquals("admin-1", stored.revokedBy());
        assertFalse(stored.accepts(issued.credential().secret(), hasher));
    }

    @Test
    void scopesThisBuildDoesNotKnowGrantNothing() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        raw.updateOne(Filters.eq("_id", issued.key().id().value()),
                new Document("$set", new Document("scopes", List.of("users:read", "everything:write"))));
        assertEquals(Set.of(Scope.USERS_READ), keys.findById(issued.key().id()).orElseThrow().scopes());
    }

    @Test
    void theListingPagesNewestFirstWithoutRepeatsOrGaps() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(0, issue("key-" + i, NOW.plusSeconds(i)).key().id().value());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<ApiKey> page = listing.list(new PageRequest(cursor, 3));
            page.items().forEach(key -> seen.add(key.id().value()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(created, seen);
        assertEquals(3, pages);
        assertNull(listing.list(PageRequest.first(10)).nextCursor());
        assertThrows(InvalidValue.class, () -> listing.list(new PageRequest("not-a-cursor", 3)));
    }
}
