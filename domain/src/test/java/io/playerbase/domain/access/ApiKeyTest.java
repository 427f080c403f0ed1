package io.playerbase.domain.access;

import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.testing.FakeSecretHasher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private final FakeSecretHasher hasher = new FakeSecretHasher();

    @Test
    void issuingGivesTheSecretOnceAndStoresOnlyItsHash() {
        ApiKey.Issued issued = ApiKey.issue("  Table server EU-1 ", Set.of(Scope.MATCHES_WRITE), hasher, "admin-1", T0);
        ApiKey key = issued.key();
        assertEquals("Table server EU-1", key.name());
        assertEquals(Set.of(Scope.MATCHES_WRITE), key.scopes());
        assertTrue(key.active());
        String secret = issued.credential().secret();
        assertEquals(43, secret.length());
        assertFalse(key.secretHash().contains(secret));
        assertTrue(key.accepts(secret, hasher));
        assertFalse(key.accepts(secret.substring(1) + "A", hasher));
        assertEquals(key.id().value() + "." + secret, issued.credential().token());
        assertFalse(issued.credential().toString().contains(secret), "the secret is never printed");
    }

    @Test
    void everyKeyGetsItsOwnIdAndSecret() {
        ApiKey.Issued a = ApiKey.issue("a", Set.of(), hasher, "admin-1", T0);
        ApiKey.Issued b = ApiKey.issue("b", Set.of(), hasher, "admin-1", T0);
        assertNotEquals(a.key().id(), b.key().id());
        assertNotEquals(a.credential().secret(), b.credential().secret());
        assertTrue(a.key().id().value().startsWith("pbk_"));
    }

    @Test
    void aRevokedKeyNeverAuthenticatesAndTheFirstRevocationIsKept() {
        ApiKey.Issued issued = ApiKey.issue("gs", Set.of(Scope.USERS_READ), hasher, "admin-1", T0);
        ApiKey key = issued.key();
        assertTrue(key.revoke("admin-2", T0.plusSeconds(60)));
        assertFalse(key.accepts(issued.credential().secret(), hasher));
        assertFalse(key.revoke("admin-3", T0.plusSeconds(120)));
        assertEquals("admin-2", key.revokedBy());
        assertEquals(T0.plusSeconds(60), key.revokedAt());
    }

    @Test
    void namesAreRequiredBoundedAndPrintable() {
        assertThrows(InvalidValue.class, () -> ApiKey.issue(" ", Set.of(), hasher, "a", T0));
        assertThrows(InvalidValue.class, () -> ApiKey.issue("x".repeat(101), Set.of(), hasher, "a", T0));
        assertThrows(InvalidValue.class, () -> ApiKey.issue("bad\nname", Set.of(), hasher, "a", T0));
        assertEquals("x".repeat(100), ApiKey.issue("x".repeat(100), Set.of(), hasher, "a", T0).key().name());
    }

    @Test
    void scopesHaveStableWireNames() {
        assertEquals(Scope.MATCHES_WRITE, Scope.fromWire("matches:write"));
        assertEquals(Scope.COMP_PLAYERS_READ, Scope.fromWire("comp-players:read"));
        assertEquals(Scope.USERS_READ, Scope.fromWire("users:read"));
        InvalidValue unknown = assertThrows(InvalidValue.class, () -> Scope.fromWire("admin"));
        assertEquals("scopes", unknown.fieldErrors().get(0).field());
    }

    @Test
    void credentialsParseOnlyInTheirExactShape() {
        ApiKey.Issued issued = ApiKey.issue("gs", Set.of(), hasher, "admin-1", T0);
        String token = issued.credential().token();
        assertEquals(Optional.of(issued.credential()), ApiKeyCredential.parse(token));
        for (String bad : new String[]{null, "", token.replace('.', ':'), token + "x", "pbk_123." + issued.credential().secret(),
                issued.key().id().value() + ".", "." + issued.credential().secret(), token.toUpperCase()}) {
            assertTrue(ApiKeyCredential.parse(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void idsHaveTheirShape() {
        assertThrows(InvalidValue.class, () -> new ApiKeyId("pbk_xyz"));
        assertThrows(InvalidValue.class, () -> new ApiKeyId("650000000000000000000001"));
        assertEquals("pbk_650000000000000000000001", new ApiKeyId("pbk_650000000000000000000001").value());
    }
}
