package io.playerbase.adapters.rest.wallet;

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
import io.playerbase.adapters.rest.testing.ControllerTestSupport;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.application.wallet.port.in.WalletView;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Unavailable;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.InMemoryIdempotencyStore;
import io.playerbase.domain.testing.MutableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Wallet endpoints with mocked wallet use cases and the real Idempotency-Key service on an in-memory
 * store: every Idempotency-Key case, and who may call what.
 */
@MicronautTest
class WalletControllerTest {

    static final UserId ANN = new UserId("650000000000000000000001");
    static final UserId ADMIN = new UserId("650000000000000000000009");
    static final UserId SUPPORT = new UserId("650000000000000000000008");
    static final String CREDITS = "/api/v1/admin/users/" + ANN.value() + "/wallet/credits";
    static final String DEBITS = "/api/v1/admin/users/" + ANN.value() + "/wallet/debits";
    static final TransactionView ENTRY = new TransactionView("6600000000000000000000aa", 3, "api:x:k", "credit", 500, 500,
            1500, "CREDITS", "goodwill", "Sorry", "admin", ADMIN.value(), "admin", null,
            Instant.parse("2026-04-01T09:00:00Z"));
    /** Also the token service's clock: it stays at the real time except inside a test that moves it. */
    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    WalletQueries queries;
    @Inject
    CreditWalletUseCase credits;
    @Inject
    DebitWalletUseCase debits;

    /** Accounts as they are now: staff roles by id (the live-account check reads them on every request). */
    @MockBean(AccessQueries.class)
    AccessQueries accessMock() {
        AccessQueries access = mock(AccessQueries.class);
        when(access.activeRoles(any())).thenAnswer(call -> {
            UserId user = call.getArgument(0);
            if (user.equals(ADMIN) || user.value().equals("650000000000000000000007")) {
                return Optional.of(List.of("player", "admin"));
            }
            if (user.equals(SUPPORT)) {
                return Optional.of(List.of("player", "support"));
            }
            return Optional.of(List.of("player"));
        });
        return access;
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(WalletQueries.class)
    WalletQueries queriesMock() {
        return mock(WalletQueries.class);
    }

    @MockBean(CreditWalletUseCase.class)
    CreditWalletUseCase creditMock() {
        return mock(CreditWalletUseCase.class);
    }

    @MockBean(DebitWalletUseCase.class)
    DebitWalletUseCase debitMock() {
        return mock(DebitWalletUseCase.class);
    }

    @MockBean(ReverseWalletTransactionUseCase.class)
    ReverseWalletTransactionUseCase reverseMock() {
        return mock(ReverseWalletTransactionUseCase.class);
    }

    @MockBean(IdempotencyStore.class)
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }

    @MockBean(BlindIndex.class)
    BlindIndex blindIndex() {
        return new FakeBlindIndex();
    }

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void resetMocks() {
        CLOCK.set(Instant.now());
        reset(queries, credits, debits);
        when(credits.credit(any())).thenReturn(ENTRY);
    }

    private String token(UserId user, String... roles) {
        return tokens.issue(new Authenticated(user, List.of(roles), 0)).accessToken();
    }

    private String admin() {
        return token(ADMIN, "player", "admin");
    }

    private static MutableHttpRequest<?> post(String path, String json, String key, String token) {
        MutableHttpRequest<?> request = HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    private HttpResponse<String> send(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, String.class);
    }

    private HttpClientResponseException fails(MutableHttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> send(request));
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        return e;
    }

    private static String type(HttpClientResponseException e) {
        return String.valueOf(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type"));
    }

    private static String key() {
        return ControllerTestSupport.idempotencyKey();
    }

    @Test
    void aPlayerReadsOnlyTheirOwnWallet() {
        when(queries.wallet(ANN)).thenReturn(new WalletView(ANN.value(), 1500, 0, "CREDITS", null));
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/wallet")
                .bearerAuth(token(ANN, "player")), Map.class);
        assertEquals(Map.of("balance", 1500, "currency", "CREDITS"), Map.of("balance", body.get("balance"), "currency", body.get("currency")));
        assertTrue(body.containsKey("updated_at"));
        verify(queries).wallet(ANN);
    }

    @Test
    void aPlayersStatementHidesOperationIdsAndStaff() {
        when(queries.ledger(ANN, new PageRequest("7", 2))).thenReturn(new Page<>(List.of(ENTRY), "3"));
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/wallet/transactions?limit=2&cursor=7")
                .bearerAuth(token(ANN, "player")), Map.class);
        assertEquals("3", body.get("next_cursor"));
        Map<?, ?> line = (Map<?, ?>) ((List<?>) body.get("items")).get(0);
        assertEquals(500, line.get("amount"));
        assertEquals(1500, line.get("balance_after"));
        assertFalse(line.containsKey("actor_id"));
        assertFalse(line.containsKey("operation_id"));
    }

    @Test
    void theStatementPagesWithTheLedgersOwnLimits() {
        when(queries.ledger(any(), any())).thenReturn(new Page<>(List.of(), null));
        send(HttpRequest.GET("/api/v1/users/me/wallet/transactions?cursor=").bearerAuth(token(ANN, "player")));
        verify(queries).ledger(ANN, new PageRequest(null, WalletQueries.LEDGER_PAGES.defaultLimit()));
        String problem = fails(HttpRequest.GET("/api/v1/users/me/wallet/transactions?limit=101")
                .bearerAuth(token(ANN, "player")), HttpStatus.BAD_REQUEST).getResponse().getBody(String.class).orElseThrow();
        assertTrue(problem.contains("must be between 1 and 100"), problem);
        verify(queries, times(1)).ledger(any(), any());
    }

    @Test
    void whoMayCallWhat() {
        String wallet = "/api/v1/admin/users/" + ANN.value() + "/wallet";
        when(queries.wallet(ANN)).thenReturn(new WalletView(ANN.value(), 1, 0, "CREDITS", null));
        when(queries.ledger(any(), any())).thenReturn(new Page<>(List.of(), null));
        when(queries.reconcile(ANN)).thenReturn(new ReconciliationView(ANN.value(), true, 1, 1, 0, 1, 1, "h", List.of()));
        String player = token(ANN, "player");
        String support = token(SUPPORT, "player", "support");
        for (String path : List.of(wallet, wallet + "/transactions", wallet + "/reconcile")) {
            fails(HttpRequest.GET(path), HttpStatus.UNAUTHORIZED);
            fails(HttpRequest.GET(path).bearerAuth(player), HttpStatus.FORBIDDEN);
            assertEquals(HttpStatus.OK, send(HttpRequest.GET(path).bearerAuth(support)).getStatus());
            assertEquals(HttpStatus.OK, send(HttpRequest.GET(path).bearerAuth(admin())).getStatus());
        }
        for (String path : List.of(CREDITS, DEBITS, wallet + "/reversals")) {
            fails(post(path, "{}", key(), player), HttpStatus.FORBIDDEN);
            fails(post(path, "{}", key(), support), HttpStatus.FORBIDDEN);
        }
        fails(HttpRequest.GET("/api/v1/users/me/wallet"), HttpStatus.UNAUTHORIZED);
        verify(credits, never()).credit(any());
    }

    @Test
    void theFirstRequestRunsAndARetryGetsTheSameResponse() {
        String key = key();
        HttpResponse<String> first = send(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", key, admin()));
        HttpResponse<String> again = send(post(CREDITS, "{ \"reason\": \"goodwill\", \"amount\": 500 }", key, admin()));

        assertEquals(HttpStatus.OK, first.getStatus());
        assertEquals(HttpStatus.OK, again.getStatus());
        assertEquals(first.body(), again.body(), "byte for byte");
        assertTrue(first.body().contains("\"balance_after\":1500"), first.body());
        assertNull(first.getHeaders().get("Idempotent-Replayed"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        verify(credits, times(1)).credit(any());
    }

    @Test
    void theOperationIdComesFromTheAdminAndTheKey() {
        String key = key();
        send(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\",\"description\":\"Sorry\"}", key, admin()));
        ArgumentCaptor<CreditWalletUseCase.Command> command = ArgumentCaptor.forClass(CreditWalletUseCase.Command.class);
        verify(credits).credit(command.capture());
        assertEquals("api:" + ADMIN.value() + ":" + key, command.getValue().movement().operationId().value());
        assertEquals(ANN, command.getValue().userId());
        assertEquals(500, command.getValue().amount().minorUnits());
        assertEquals("Sorry", command.getValue().movement().description());
        assertEquals(ADMIN.value(), command.getValue().movement().actor().id());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = key();
        send(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", key, admin()));
        assertEquals("urn:playerbase:problem:idempotency-key-reused",
                type(fails(post(CREDITS, "{\"amount\":501,\"reason\":\"goodwill\"}", key, admin()), HttpStatus.UNPROCESSABLE_ENTITY)));
        assertEquals("urn:playerbase:problem:idempotency-key-reused",
                type(fails(post(DEBITS, "{\"amount\":500,\"reason\":\"goodwill\"}", key, admin()), HttpStatus.UNPROCESSABLE_ENTITY)),
                "another endpoint is another request");
        verify(credits, times(1)).credit(any());
        verify(debits, never()).debit(any());
    }

    @Test
    void theSameKeyWhileTheFirstRunsIs409() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        when(credits.credit(any())).thenAnswer(invocation -> {
            entered.countDown();
            assertTrue(proceed.await(30, TimeUnit.SECONDS));
            return ENTRY;
        });
        String key = key();
        String json = "{\"amount\":500,\"reason\":\"goodwill\"}";
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(post(CREDITS, json, key, admin())));
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        HttpClientResponseException busy = fails(post(CREDITS, json, key, admin()), HttpStatus.CONFLICT);
        assertEquals("urn:playerbase:problem:idempotency-key-in-use", type(busy));
        assertEquals("1", busy.getResponse().getHeaders().get("Retry-After"));

        proceed.countDown();
        assertEquals(HttpStatus.OK, first.get(30, TimeUnit.SECONDS).getStatus());
        assertEquals(first.get().body(), send(post(CREDITS, json, key, admin())).body());
        verify(credits, times(1)).credit(any());
    }

    @Test
    void aMissingOrMalformedKeyIs400AndNothingRuns() {
        HttpClientResponseException missing = fails(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", null, admin()),
                HttpStatus.BAD_REQUEST);
        assertEquals("urn:playerbase:problem:idempotency-key-missing", type(missing));
        fails(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", "has spaces", admin()), HttpStatus.BAD_REQUEST);
        fails(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", "k".repeat(256), admin()), HttpStatus.BAD_REQUEST);
        verify(credits, never()).credit(any());
    }

    @Test
    void keysAreScopedPerPrincipal() {
        String key = key();
        String json = "{\"amount\":500,\"reason\":\"goodwill\"}";
        send(post(CREDITS, json, key, admin()));
        String otherAdmin = token(new UserId("650000000000000000000007"), "player", "admin");
        HttpResponse<String> other = send(post(CREDITS, json, key, otherAdmin));
        assertNull(other.getHeaders().get("Idempotent-Replayed"));
        verify(credits, times(2)).credit(any());
    }

    @Test
    void anInvalidBodyIs400AndLeavesTheKeyUnused() {
        String key = key();
        HttpClientResponseException invalid = fails(post(CREDITS, "{\"amount\":0,\"reason\":\"Good Will\"}", key, admin()),
                HttpStatus.BAD_REQUEST);
        assertEquals("urn:playerbase:problem:invalid-value", type(invalid));
        fails(post(CREDITS, "{\"reason\":\"goodwill\"}", key, admin()), HttpStatus.BAD_REQUEST);
        send(post(CREDITS, "{\"amount\":5,\"reason\":\"goodwill\"}", key, admin()));
        verify(credits, times(1)).credit(any());
    }

    @Test
    void insufficientFundsIsA422WithItsOwnTypeAndIsReplayed() {
        when(debits.debit(any())).thenThrow(new RuleViolation("insufficient-funds", "The wallet does not hold enough funds"));
        String key = key();
        String json = "{\"amount\":500,\"reason\":\"correction\"}";
        HttpClientResponseException first = fails(post(DEBITS, json, key, admin()), HttpStatus.UNPROCESSABLE_ENTITY);
        assertEquals("urn:playerbase:problem:insufficient-funds", type(first));
        HttpClientResponseException again = fails(post(DEBITS, json, key, admin()), HttpStatus.UNPROCESSABLE_ENTITY);
        assertEquals(first.getResponse().getBody(String.class), again.getResponse().getBody(String.class));
        assertEquals("true", again.getResponse().getHeaders().get("Idempotent-Replayed"));
        verify(debits, times(1)).debit(any());
    }

    @Test
    void transientFailuresReleaseTheKeySoARetryRuns() {
        when(credits.credit(any()))
                .thenThrow(new Unavailable("database-unavailable", "The database cannot be reached", null))
                .thenThrow(new Conflict("wallet-busy", "busy"))
                .thenReturn(ENTRY);
        String key = key();
        String json = "{\"amount\":500,\"reason\":\"goodwill\"}";
        fails(post(CREDITS, json, key, admin()), HttpStatus.SERVICE_UNAVAILABLE);
        HttpClientResponseException busy = fails(post(CREDITS, json, key, admin()), HttpStatus.CONFLICT);
        assertEquals("urn:playerbase:problem:wallet-busy", type(busy));
        assertEquals(HttpStatus.OK, send(post(CREDITS, json, key, admin())).getStatus());
        verify(credits, times(3)).credit(any());
    }

    @Test
    void aKeyIsForgottenAfterItsRetention() {
        String key = key();
        String admin = admin(); // issued now: still valid for the server, which checks tokens against the real time
        send(post(CREDITS, "{\"amount\":500,\"reason\":\"goodwill\"}", key, admin));
        CLOCK.advance(Duration.ofHours(25));
        HttpResponse<String> later = send(post(CREDITS, "{\"amount\":9,\"reason\":\"goodwill\"}", key, admin));
        assertNull(later.getHeaders().get("Idempotent-Replayed"), "a new request, not a replay");
        verify(credits, times(2)).credit(any());
    }
}
