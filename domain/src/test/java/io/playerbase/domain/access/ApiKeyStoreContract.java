package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.testing.FakeSecretHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every {@link ApiKeyRepository} and {@link ApiKeyListing} keep: the in-memory fake, the
 * embedded store and a real MongoDB. Each test starts from an empty store.
 */
public abstract class ApiKeyStoreContract {

    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    /** The two ports over one store. */
    public record Ports(ApiKeyRepository keys, ApiKeyListing listing) {
    }

    protected final FakeSecretHasher hasher = new FakeSecretHasher();
    protected ApiKeyRepository keys;
    protected ApiKeyListing listing;

    /** An empty store, once per test. */
    protected abstract Ports createPorts();

    /** Releases what {@link #createPorts()} started. */
    protected void closePorts() {
    }

    @BeforeEach
    void startPorts() {
        Ports ports = createPorts();
        keys = ports.keys();
        listing = ports.listing();
    }

    @AfterEach
    void stopPorts() {
        closePorts();
    }

    protected ApiKey.Issued issue(String name, Instant at) {
        ApiKey.Issued issued = ApiKey.issue(name, Set.of(Scope.MATCHES_WRITE, Scope.USERS_READ), hasher, "admin-1", at);
        keys.insert(issued.key());
        return issued;
    }

    @Test
    void aKeyRoundTrips() {
        ApiKey.Issued issued = issue("eu-1", NOW);
        ApiKey stored = keys.findById(issued.key().id()).orElseThrow();
        assertEquals("eu-1", stored.name());
        assertEquals(Set.of(Scope.MATCHES_WRITE, Scope.USERS_READ), stored.scopes());
        assertEquals(NOW, stored.createdAt().truncatedTo(ChronoUnit.MILLIS));
        assertEquals("admin-1", stored.createdBy());
        assertTrue(stored.active());
        assertTrue(stored.accepts(issued.credential().secret(), hasher));
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
