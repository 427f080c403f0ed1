package io.playerbase.application.idempotency;

import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase;
import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase.Claim;
import io.playerbase.application.idempotency.port.in.RecordIdempotentResponseUseCase;
import io.playerbase.application.idempotency.port.in.ReleaseIdempotencyKeyUseCase;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.InMemoryIdempotencyStore;
import io.playerbase.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyKeyServicesTest {

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
    private final ClaimIdempotencyKeyService claims = new ClaimIdempotencyKeyService(store, new FakeBlindIndex(),
            new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(60)), clock);
    private final RecordIdempotentResponseService responses = new RecordIdempotentResponseService(store);
    private final ReleaseIdempotencyKeyService releases = new ReleaseIdempotencyKeyService(store);

    private Claim claim(String scope, String key, String request) {
        return claims.claim(new ClaimIdempotencyKeyUseCase.Command(scope, key, request));
    }

    private String proceed(String scope, String key, String request) {
        return assertInstanceOf(Claim.Proceed.class, claim(scope, key, request)).leaseId();
    }

    private void respond(String scope, String key, String lease, String body) {
        responses.record(new RecordIdempotentResponseUseCase.Command(scope, key, lease, 200, "application/json", body));
    }

    @Test
    void theSameKeyAndRequestReplaysTheStoredResponse() {
        String lease = proceed("admin-1", "k1", "POST /credits {amount:5}");
        respond("admin-1", "k1", lease, "{\"id\":1}");
        Claim again = claim("admin-1", "k1", "POST /credits {amount:5}");
        assertEquals(new Claim.Replay(200, "application/json", "{\"id\":1}"), again);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        respond("admin-1", "k1", proceed("admin-1", "k1", "POST /credits {amount:5}"), "{}");
        assertEquals("idempotency-key-reused", assertThrows(RuleViolation.class,
                () -> claim("admin-1", "k1", "POST /credits {amount:6}")).code());
    }

    @Test
    void theSameKeyWhileTheFirstRunsIsAConflictUntilItsLeaseRunsOut() {
        String first = proceed("admin-1", "k1", "req");
        assertEquals("idempotency-key-in-use", assertThrows(Conflict.class, () -> claim("admin-1", "k1", "req")).code());
        clock.advance(Duration.ofSeconds(61));
        String takeover = proceed("admin-1", "k1", "req");
        assertNotEquals(first, takeover);
        respond("admin-1", "k1", first, "{\"late\":true}");
        assertFalse(store.find("admin-1", "k1").orElseThrow().completed(), "the dead attempt no longer holds the key");
        respond("admin-1", "k1", takeover, "{\"ok\":true}");
        assertEquals(new Claim.Replay(200, "application/json", "{\"ok\":true}"), claim("admin-1", "k1", "req"));
    }

    @Test
    void keysAreScopedPerPrincipal() {
        respond("admin-1", "k1", proceed("admin-1", "k1", "req-a"), "{}");
        proceed("admin-2", "k1", "req-b");
    }

    @Test
    void aReleasedKeyCanBeUsedAgain() {
        String lease = proceed("admin-1", "k1", "req");
        releases.release(new ReleaseIdempotencyKeyUseCase.Command("admin-1", "k1", lease));
        proceed("admin-1", "k1", "req");
    }

    @Test
    void keysAreForgottenAfterTheRetentionEvenWithoutTtl() {
        respond("admin-1", "k1", proceed("admin-1", "k1", "req"), "{}");
        clock.advance(Duration.ofHours(24));
        proceed("admin-1", "k1", "another request entirely");
    }

    @Test
    void theFingerprintIsStoredAsAKeyedHash() {
        proceed("admin-1", "k1", "POST /credits {amount:5}");
        String stored = store.find("admin-1", "k1").orElseThrow().fingerprint();
        assertFalse(stored.contains("amount"));
        assertTrue(stored.matches("[^:]+:[0-9a-f]{64}"), "a key-tagged HMAC entry: " + stored);
    }

    @Test
    void requestsDifferingOnlyInLetterCaseAreDifferentRequests() {
        respond("admin-1", "k1", proceed("admin-1", "k1", "POST /credits {description:Refund}"), "{}");
        assertEquals("idempotency-key-reused", assertThrows(RuleViolation.class,
                () -> claim("admin-1", "k1", "POST /credits {description:refund}")).code());
    }

    @Test
    void aMissingOrMalformedKeyIsInvalid() {
        assertEquals("idempotency-key-missing", assertThrows(InvalidValue.class, () -> claim("a", null, "r")).code());
        assertEquals("idempotency-key-missing", assertThrows(InvalidValue.class, () -> claim("a", " ", "r")).code());
        assertEquals("invalid-value", assertThrows(InvalidValue.class, () -> claim("a", "has space", "r")).code());
        assertEquals("invalid-value", assertThrows(InvalidValue.class, () -> claim("a", "k".repeat(256), "r")).code());
    }
}
