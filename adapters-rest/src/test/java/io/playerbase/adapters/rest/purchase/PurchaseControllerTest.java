package io.playerbase.adapters.rest.purchase;

import io.playerbase.adapters.rest.testing.ControllerTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.HandleStoreNotificationUseCase;
import io.playerbase.application.purchase.port.in.PurchaseQueries;
import io.playerbase.application.purchase.port.in.PurchaseView;
import io.playerbase.application.purchase.port.in.RefundPurchaseUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.purchase.NotificationDelivery;
import io.playerbase.domain.purchase.Store;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.InMemoryIdempotencyStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.purchase.port.in.MintTestReceiptUseCase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Purchase endpoints with mocked use cases: shapes, status codes, problem bodies, who may call what. */
@MicronautTest
class PurchaseControllerTest {

    static final UserId ANN = new UserId("650000000000000000000001");
    static final UserId STAFF = new UserId("650000000000000000000009");
    static final PurchaseView PURCHASE = new PurchaseView("6600000000000000000000aa", ANN.value(), "test", "coins_500",
            "credits_pack", "granted", 500, "test-1", "test-1", "coins_500", 1, "Test",
            Instant.parse("2026-05-01T12:00:00Z"), null, null, null, null, null, Instant.parse("2026-05-01T12:00:01Z"),
            Instant.parse("2026-05-01T12:00:01Z"));

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    ClaimPurchaseUseCase claims;
    @Inject
    PurchaseQueries queries;
    @Inject
    RefundPurchaseUseCase refunds;
    @Inject
    HandleStoreNotificationUseCase notifications;

    @MockBean(AccessQueries.class)
    AccessQueries access() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeys() {
        return mock(AuthenticateApiKeyUseCase.class);
    }

    @MockBean(ClaimPurchaseUseCase.class)
    ClaimPurchaseUseCase claimMock() {
        return mock(ClaimPurchaseUseCase.class);
    }

    @MockBean(PurchaseQueries.class)
    PurchaseQueries queriesMock() {
        return mock(PurchaseQueries.class);
    }

    @MockBean(RefundPurchaseUseCase.class)
    RefundPurchaseUseCase refundMock() {
        return mock(RefundPurchaseUseCase.class);
    }

    @MockBean(HandleStoreNotificationUseCase.class)
    HandleStoreNotificationUseCase notificationsMock() {
        return mock(HandleStoreNotificationUseCase.class);
    }

    @MockBean(MintTestReceiptUseCase.class)
    MintTestReceiptUseCase mintMock() {
        return mock(MintTestReceiptUseCase.class);
    }

    @MockBean(IdempotencyStore.class)
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }

    @MockBean(BlindIndex.class)
    BlindIndex blindIndex() {
        return new FakeBlindIndex();
    }

    @BeforeEach
    void resetMocks() {
        reset(claims, queries, refunds, notifications);
        when(claims.claim(any())).thenReturn(PURCHASE);
        when(refunds.refund(any())).thenReturn(PURCHASE);
    }

    private String token(UserId user, String... roles) {
        return tokens.issue(ControllerTestSupport.minted(new Authenticated(user, List.of(roles), 0))).accessToken();
    }

    private static MutableHttpRequest<?> post(String path, String json, String key, String token) {
        MutableHttpRequest<?> request = HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (token != null) {
            request.bearerAuth(token);
        }
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    private HttpClientResponseException fails(MutableHttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        return e;
    }

    private static String type(HttpClientResponseException e) {
        return String.valueOf(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type"));
    }

    @Test
    void aClaimAnswersThePurchaseAndPassesTheProofAsSent() {
        HttpResponse<Map> response = http.toBlocking().exchange(post("/api/v1/users/me/purchases",
                "{\"store\":\"test\",\"receipt\":\"pbtest1.a.b\"}", "k-" + UUID.randomUUID(), token(ANN, "player")), Map.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        Map<?, ?> body = response.body();
        assertEquals("granted", body.get("status"));
        assertEquals("coins_500", body.get("product_id"));
        assertEquals(500, body.get("credits"));
        assertEquals(PURCHASE.id(), body.get("id"));
        ArgumentCaptor<ClaimPurchaseUseCase.Command> command = ArgumentCaptor.forClass(ClaimPurchaseUseCase.Command.class);
        verify(claims).claim(command.capture());
        assertEquals(ANN, command.getValue().userId());
        assertEquals(Store.TEST, command.getValue().store());
        assertEquals("pbtest1.a.b", command.getValue().receipt());
    }

    @Test
    void badClaimsAreTypedProblemsThatNeverReachTheUseCase() {
        String player = token(ANN, "player");
        String path = "/api/v1/users/me/purchases";
        assertTrue(type(fails(post(path, "{\"store\":\"test\",\"receipt\":\"r\"}", null, player), HttpStatus.BAD_REQUEST))
                .endsWith("idempotency-key-missing"));
        fails(post(path, "{\"store\":7,\"receipt\":\"r\"}", "k1", player), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"store\":\"test\",\"receipt\":\"r\",\"extra\":1}", "k2", player), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"store\":\"test\",\"receipt\":\"" + "x".repeat(3000) + "\"}", "k3", player), HttpStatus.BAD_REQUEST);
        assertTrue(type(fails(post(path, "{\"store\":\"steam\",\"receipt\":\"r\"}", "k4", player), HttpStatus.BAD_REQUEST))
                .endsWith("store-unknown"));
        fails(post(path, "{\"store\":\"test\",\"signed_transaction\":\"a.b.c\"}", "k5", player), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"store\":\"test\",\"receipt\":\"r\"}", "k6", null), HttpStatus.UNAUTHORIZED);
        verify(claims, never()).claim(any());
    }

    @Test
    void anotherPlayersReceiptIsAConflictAndTheAnswerIsReplayed() {
        when(claims.claim(any())).thenThrow(new Conflict("purchase-already-claimed", "another account"));
        String player = token(ANN, "player");
        String body = "{\"store\":\"test\",\"receipt\":\"r\"}";
        assertTrue(type(fails(post("/api/v1/users/me/purchases", body, "same", player), HttpStatus.CONFLICT))
                .endsWith("purchase-already-claimed"));
        // A conflict is not stored under the key: the retry runs again (and is refused again by the use case).
        fails(post("/api/v1/users/me/purchases", body, "same", player), HttpStatus.CONFLICT);
        verify(claims, times(2)).claim(any());
    }

    @Test
    void listingsAndRefundsAreForTheRightPrincipals() {
        when(queries.forUser(any(), any())).thenReturn(new Page<>(List.of(PURCHASE), null));
        String player = token(ANN, "player");
        String support = token(STAFF, "player", "support");
        Map<?, ?> mine = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/purchases?limit=5")
                .bearerAuth(player), Map.class);
        assertEquals(1, ((List<?>) mine.get("items")).size());
        verify(queries).forUser(ANN, new PageRequest(null, 5));
        fails(HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/purchases").bearerAuth(player), HttpStatus.FORBIDDEN);
        http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/purchases").bearerAuth(support));

        String refund = "/api/v1/admin/purchases/" + PURCHASE.id() + "/refund";
        fails(post(refund, "{\"reason\":\"chargeback\"}", "r1", support), HttpStatus.FORBIDDEN);
        String admin = token(new UserId("650000000000000000000007"), "player", "admin");
        fails(post(refund, "{\"reason\":\"Not A Code\"}", "r2", admin), HttpStatus.BAD_REQUEST);
        http.toBlocking().exchange(post(refund, "{\"reason\":\"chargeback\"}", "r3", admin), String.class);
        ArgumentCaptor<RefundPurchaseUseCase.Command> command = ArgumentCaptor.forClass(RefundPurchaseUseCase.Command.class);
        verify(refunds).refund(command.capture());
        assertEquals("chargeback", command.getValue().reason());
    }

    @Test
    void storeNotificationsReachTheUseCaseAsDeliveredWithoutCredentials() {
        when(notifications.handle(any())).thenReturn("refunded");
        Map<?, ?> answer = http.toBlocking().retrieve(post("/api/v1/stores/app-store/notifications",
                "{\"signedPayload\":\"a.b.c\"}", null, null), Map.class);
        assertEquals("refunded", answer.get("outcome"));
        http.toBlocking().retrieve(post("/api/v1/stores/google-play/notifications", "{\"message\":{}}", null, null)
                .header("Authorization", "Bearer google-oidc-token"), Map.class);
        ArgumentCaptor<NotificationDelivery> delivery = ArgumentCaptor.forClass(NotificationDelivery.class);
        verify(notifications, times(2)).handle(delivery.capture());
        assertEquals(new NotificationDelivery(Store.APP_STORE, null, "{\"signedPayload\":\"a.b.c\"}"),
                delivery.getAllValues().get(0));
        assertEquals(Store.GOOGLE_PLAY, delivery.getAllValues().get(1).store());
        assertEquals("Bearer google-oidc-token", delivery.getAllValues().get(1).authorization());
    }
}
