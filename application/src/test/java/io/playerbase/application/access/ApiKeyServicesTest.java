package io.playerbase.application.access;

import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase.ApiKeyPrincipal;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.access.port.in.RevokeApiKeyUseCase;
import io.playerbase.domain.access.ApiKey;
import io.playerbase.domain.access.ApiKeyId;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeSecretHasher;
import io.playerbase.domain.testing.InMemoryApiKeys;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyServicesTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryApiKeys keys = new InMemoryApiKeys();
    private final FakeSecretHasher hasher = new FakeSecretHasher();
    private final CreateApiKeyService create = new CreateApiKeyService(keys, hasher, clock);
    private final RevokeApiKeyService revoke = new RevokeApiKeyService(keys, clock);
    private final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(keys, hasher);
    private final ApiKeyQueryService queries = new ApiKeyQueryService(keys);
    private final Actor admin = Actor.staff(new UserId("650000000000000000000001"), Actor.ActorRole.ADMIN, "req-1");

    private CreateApiKeyUseCase.CreatedApiKey newKey(String name, String... scopes) {
        return create.create(new CreateApiKeyUseCase.Command(name, List.of(scopes), admin));
    }

    @Test
    void aCreatedKeyAuthenticatesWithItsScopesAndIsStoredWithoutItsSecret() {
        CreateApiKeyUseCase.CreatedApiKey created = newKey("eu-1", "users:read", "matches:write");
        assertEquals(List.of("matches:write", "users:read"), created.key().scopes());
        assertEquals(admin.id(), created.key().createdBy());
        assertTrue(created.token().startsWith(created.key().id() + "."));
        assertFalse(created.toString().contains(created.token()));

        ApiKeyPrincipal principal = authenticate.authenticate(new AuthenticateApiKeyUseCase.Command(created.token()));
        assertEquals(created.key().id(), principal.keyId());
        assertEquals(List.of("matches:write", "users:read"), principal.scopes());

        ApiKey stored = keys.findById(new ApiKeyId(created.key().id())).orElseThrow();
        String secret = created.token().substring(created.token().indexOf('.') + 1);
        assertFalse(stored.secretHash().contains(secret));
    }

    @Test
    void everyWrongCredentialIsTheSameFailure() {
        String token = newKey("eu-1").token();
        String otherKeysSecret = newKey("eu-2").token().split("\\.")[1];
        String id = token.split("\\.")[0];
        for (String bad : new String[]{null, "", "garbage", token + "x", id + "." + otherKeysSecret,
                "pbk_000000000000000000000000." + otherKeysSecret}) {
            assertThrows(AuthenticationFailed.class, () -> authenticate.authenticate(new AuthenticateApiKeyUseCase.Command(bad)), bad);
        }
    }

    @Test
    void revocationIsImmediateIdempotentAndKeepsTheFirstRevoker() {
        CreateApiKeyUseCase.CreatedApiKey created = newKey("eu-1", "users:read");
        revoke.revoke(new RevokeApiKeyUseCase.Command(created.key().id(), admin));
        assertThrows(AuthenticationFailed.class, () -> authenticate.authenticate(new AuthenticateApiKeyUseCase.Command(created.token())));
        Actor other = Actor.staff(new UserId("650000000000000000000002"), Actor.ActorRole.ADMIN, "req-2");
        revoke.revoke(new RevokeApiKeyUseCase.Command(created.key().id(), other));
        ApiKeyView view = queries.list(PageRequest.first(10)).items().get(0);
        assertFalse(view.active());
        assertEquals(admin.id(), view.revokedBy());
    }

    @Test
    void revokingAnUnknownOrMalformedIdIsNotFound() {
        for (String id : new String[]{"pbk_000000000000000000000000", "nope", null}) {
            NotFound error = assertThrows(NotFound.class, () -> revoke.revoke(new RevokeApiKeyUseCase.Command(id, admin)));
            assertEquals("api-key-not-found", error.code());
        }
    }

    @Test
    void unknownScopesAreAllReportedAndNothingIsStored() {
        InvalidValue error = assertThrows(InvalidValue.class, () -> newKey("x", "users:read", "admin", "root"));
        assertEquals(2, error.fieldErrors().size());
        assertTrue(queries.list(PageRequest.first(10)).items().isEmpty());
    }

    @Test
    void theListingPagesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            newKey("key-" + i);
        }
        Page<ApiKeyView> first = queries.list(PageRequest.first(3));
        assertEquals(3, first.items().size());
        Page<ApiKeyView> second = queries.list(new PageRequest(first.nextCursor(), 3));
        assertEquals(2, second.items().size());
        assertNull(second.nextCursor());
        assertEquals(5, Stream.concat(first.items().stream(), second.items().stream())
                .map(ApiKeyView::id).distinct().count());
    }
}
