package io.playerbase.adapters.rest.subscription;

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
import io.playerbase.application.subscription.port.in.GrantPremiumUseCase;
import io.playerbase.application.subscription.port.in.RevokePremiumUseCase;
import io.playerbase.application.subscription.port.in.SubscriptionDetailsView;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.application.subscription.port.in.SubscriptionView;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.FakeBlindIndex;
import io.playerbase.domain.testing.InMemoryIdempotencyStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/** Subscription endpoints with mocked use cases: shapes, status codes, problems, who may call what. */
@MicronautTest
class SubscriptionControllerTest {

    static final UserId ANN = new UserId("650000000000000000000001");
    static final UserId SUPPORT = new UserId("650000000000000000000008");
    static final UserId ADMIN = new UserId("650000000000000000000009");
    static final Instant EXPIRES = Instant.parse("2027-01-31T00:00:00Z");
    static final SubscriptionView ACTIVE = new SubscriptionView("premium_monthly", "active", true, "store",
            Instant.parse("2026-12-01T00:00:00Z"), EXPIRES, null, true, "app_store", null);
    static final SubscriptionDetailsView DETAILS = new SubscriptionDetailsView(ANN.value(), ACTIVE,
            List.of(new SubscriptionDetailsView.StoreSubscription("app_store:2000000001", "app_store", "premium_monthly",
                    "com.example.premium", "active", "active", true, null, EXPIRES, null, true, null, null, null, "Sandbox",
                    "6600000000000000000000aa", EXPIRES.minus(Duration.ofDays(30)),
                    List.of(new SubscriptionDetailsView.Period("2000000001", null, EXPIRES, 100, "credited", null, 0)),
                    List.of(new SubscriptionDetailsView.Change(EXPIRES.minus(Duration.ofDays(30)), null, "claim", "purchase:x",
                            "none", "active", EXPIRES, null, true, "premium_monthly")))),
            List.of());

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    SubscriptionQueries queries;
    @Inject
    GrantPremiumUseCase grants;
    @Inject
    RevokePremiumUseCase revocations;

    @MockBean(AccessQueries.class)
    AccessQueries access() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeys() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(SubscriptionQueries.class)
    SubscriptionQueries queriesMock() {
        return mock(SubscriptionQueries.class);
    }

    @MockBean(GrantPremiumUseCase.class)
    GrantPremiumUseCase grantsMock() {
        return mock(GrantPremiumUseCase.class);
    }

    @MockBean(RevokePremiumUseCase.class)
    RevokePremiumUseCase revocationsMock() {
        return mock(RevokePremiumUseCase.class);
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
        reset(queries, grants, revocations);
        when(queries.subscription(any())).thenReturn(ACTIVE);
        when(queries.details(any())).thenReturn(DETAILS);
        when(grants.grant(any())).thenReturn(DETAILS);
        when(revocations.revoke(any())).thenReturn(DETAILS);
    }

    private String token(UserId user, String... roles) {
        return ControllerTestSupport.accessToken(tokens, user, roles);
    }

    private static MutableHttpRequest<?> post(String path, String json, String key, String token) {
        MutableHttpRequest<?> request = HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
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
    void aPlayerReadsTheirOwnSubscriptionInSnakeCase() {
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/subscription")
                .bearerAuth(token(ANN, "player")), Map.class);
        assertEquals("premium_monthly", body.get("plan"));
        assertEquals("active", body.get("status"));
        assertEquals(true, body.get("premium"));
        assertEquals("store", body.get("premium_source"));
        assertEquals("2027-01-31T00:00:00Z", body.get("expires_at"));
        assertEquals(true, body.get("auto_renew"));
        assertEquals("app_store", body.get("store"));
        assertTrue(body.containsKey("grace_until"));
        verify(queries).subscription(ANN);
    }

    @Test
    void staffReadTheDetailsAndOnlyAdminsGrantOrRevoke() {
        String path = "/api/v1/admin/users/" + ANN.value() + "/subscription";
        fails(HttpRequest.GET(path).bearerAuth(token(ANN, "player")), HttpStatus.FORBIDDEN);
        Map<?, ?> details = http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token(SUPPORT, "player", "support")), Map.class);
        assertEquals(ANN.value(), details.get("user_id"));
        Map<?, ?> subscription = (Map<?, ?>) ((List<?>) details.get("subscriptions")).get(0);
        assertEquals("app_store:2000000001", subscription.get("id"));
        assertEquals("credited", ((Map<?, ?>) ((List<?>) subscription.get("periods")).get(0)).get("credit_state"));
        assertEquals(0, ((Map<?, ?>) ((List<?>) subscription.get("periods")).get(0)).get("round"));
        assertEquals("claim", ((Map<?, ?>) ((List<?>) subscription.get("history")).get(0)).get("event"));

        String grant = "{\"reason\":\"goodwill\",\"expires_at\":\"" + Instant.now().plus(Duration.ofDays(7)) + "\"}";
        fails(post(path + "/grants", grant, "g-1", token(SUPPORT, "player", "support")), HttpStatus.FORBIDDEN);
        String admin = token(ADMIN, "player", "admin");
        HttpResponse<String> first = http.toBlocking().exchange(post(path + "/grants", grant, "g-2", admin), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(post(path + "/grants", grant, "g-2", admin), String.class);
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        ArgumentCaptor<GrantPremiumUseCase.Command> command = ArgumentCaptor.forClass(GrantPremiumUseCase.Command.class);
        verify(grants, times(1)).grant(command.capture());
        assertEquals(ANN, command.getValue().userId());
        assertEquals("goodwill", command.getValue().reason());
        assertEquals(ADMIN.value(), command.getValue().actor().id());

        http.toBlocking().exchange(post(path + "/revocations", "{\"reason\":\"mistake\"}", "r-1", admin), String.class);
        verify(revocations).revoke(any());
    }

    @Test
    void badGrantsAreRefusedBeforeAnythingRuns() {
        String path = "/api/v1/admin/users/" + ANN.value() + "/subscription/grants";
        String admin = token(ADMIN, "player", "admin");
        String later = Instant.now().plus(Duration.ofDays(7)).toString();
        assertTrue(type(fails(post(path, "{\"reason\":\"goodwill\",\"expires_at\":\"" + later + "\"}", null, admin),
                HttpStatus.BAD_REQUEST)).endsWith("idempotency-key-missing"));
        fails(post(path, "{\"reason\":\"goodwill\",\"expires_at\":\"2020-01-01T00:00:00Z\"}", "b-1", admin), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"reason\":\"goodwill\",\"expires_at\":\"2999-01-01T00:00:00Z\"}", "b-2", admin), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"reason\":\"Good Will\",\"expires_at\":\"" + later + "\"}", "b-3", admin), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"reason\":\"goodwill\"}", "b-4", admin), HttpStatus.BAD_REQUEST);
        fails(post(path, "{\"reason\":\"goodwill\",\"expires_at\":12345}", "b-5", admin), HttpStatus.BAD_REQUEST);
        fails(post("/api/v1/admin/users/nope/subscription/grants", "{\"reason\":\"goodwill\",\"expires_at\":\"" + later + "\"}",
                "b-6", admin), HttpStatus.BAD_REQUEST);
        verify(grants, never()).grant(any());
    }

    @Test
    void revokingWithoutAGrantIsAStoredRuleViolation() {
        when(revocations.revoke(any())).thenThrow(new RuleViolation("no-active-grant", "nothing to revoke"));
        String path = "/api/v1/admin/users/" + ANN.value() + "/subscription/revocations";
        String admin = token(ADMIN, "player", "admin");
        assertTrue(type(fails(post(path, "{\"reason\":\"mistake\"}", "n-1", admin), HttpStatus.UNPROCESSABLE_ENTITY))
                .endsWith("no-active-grant"));
        fails(post(path, "{\"reason\":\"mistake\"}", "n-1", admin), HttpStatus.UNPROCESSABLE_ENTITY);
        verify(revocations, times(1)).revoke(any());
    }
}
