package io.playerbase.adapters.rest.referral;

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
import io.playerbase.application.referral.port.in.DisableReferralCodeUseCase;
import io.playerbase.application.referral.port.in.RedeemReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralLinkView;
import io.playerbase.application.referral.port.in.ReferralQueries;
import io.playerbase.application.referral.port.in.ReferralSummaryView;
import io.playerbase.application.referral.port.in.ReverseReferralRewardUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.domain.referral.Side;
import io.playerbase.domain.shared.BlindIndex;
import io.playerbase.domain.shared.IdempotencyStore;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Referral endpoints with mocked use cases: shapes, problems, who may call what, rate limits. */
@MicronautTest
class ReferralControllerTest {

    static final UserId ANN = new UserId("650000000000000000000001");
    static final UserId BOB = new UserId("650000000000000000000002");
    static final UserId STAFF = new UserId("650000000000000000000009");
    static final Instant AT = Instant.parse("2026-05-01T12:00:00Z");
    static final ReferralLinkView LINK = new ReferralLinkView(BOB.value(), ANN.value(), BOB.value(), "bob", "K7M2QX9P",
            "rewarded", AT, "match", AT, null, AT, null, new ReferralLinkView.RewardView(500, "paid", null, AT, null),
            new ReferralLinkView.RewardView(200, "paid", null, AT, null));
    static final ReferralSummaryView SUMMARY = new ReferralSummaryView(ANN.value(), "K7M2QX9P", false, null, null, 1, 500,
            List.of(LINK), null);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    RedeemReferralCodeUseCase redeem;
    @Inject
    ReferralQueries queries;
    @Inject
    DisableReferralCodeUseCase disable;
    @Inject
    ReverseReferralRewardUseCase reverse;

    @MockBean(AccessQueries.class)
    AccessQueries access() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeys() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(RedeemReferralCodeUseCase.class)
    RedeemReferralCodeUseCase redeemMock() {
        return mock(RedeemReferralCodeUseCase.class);
    }

    @MockBean(ReferralQueries.class)
    ReferralQueries queriesMock() {
        return mock(ReferralQueries.class);
    }

    @MockBean(DisableReferralCodeUseCase.class)
    DisableReferralCodeUseCase disableMock() {
        return mock(DisableReferralCodeUseCase.class);
    }

    @MockBean(ReverseReferralRewardUseCase.class)
    ReverseReferralRewardUseCase reverseMock() {
        return mock(ReverseReferralRewardUseCase.class);
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
        reset(redeem, queries, disable, reverse);
        when(redeem.redeem(any())).thenReturn(LINK);
        when(queries.summary(any(), any())).thenReturn(SUMMARY);
        when(disable.disable(any())).thenReturn(SUMMARY);
        when(reverse.reverse(any())).thenReturn(LINK);
    }

    private String token(UserId user, String... roles) {
        return ControllerTestSupport.accessToken(tokens, user, roles);
    }

    private static MutableHttpRequest<?> post(String path, String json, String token) {
        return HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
    }

    private HttpClientResponseException fails(MutableHttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        return e;
    }

    private static String type(HttpClientResponseException e) {
        String type = String.valueOf(e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("type"));
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @Test
    void aRedemptionPassesTheCodeAndAnswersTheReferrerByUsernameOnly() {
        Map<String, Object> body = http.toBlocking().retrieve(post("/api/v1/users/me/referral", "{\"code\":\"k7m2qx9p\"}",
                token(BOB, "player")), Argument.mapOf(String.class, Object.class));
        ArgumentCaptor<RedeemReferralCodeUseCase.Command> command = ArgumentCaptor.forClass(RedeemReferralCodeUseCase.Command.class);
        verify(redeem).redeem(command.capture());
        assertEquals(BOB, command.getValue().referee());
        assertEquals("K7M2QX9P", command.getValue().code().value());
        assertEquals("bob", body.get("username"));
        assertEquals(200, ((Map<?, ?>) body.get("reward")).get("amount"), "the caller's own side: the referee's reward");
        assertFalse(body.keySet().stream().anyMatch(key -> key.endsWith("_id")), body.toString());
    }

    @Test
    void refusalsAreTypedProblems() {
        String bob = token(BOB, "player");
        assertEquals("invalid-value", type(fails(post("/api/v1/users/me/referral", "{\"code\":\"not a code\"}", bob),
                HttpStatus.BAD_REQUEST)));
        assertEquals("malformed-request", type(fails(post("/api/v1/users/me/referral", "{\"code\":7}", bob), HttpStatus.BAD_REQUEST)));
        when(redeem.redeem(any())).thenThrow(new NotFound("referral-code-unknown", "No account has this referral code"));
        assertEquals("referral-code-unknown", type(fails(post("/api/v1/users/me/referral", "{\"code\":\"NOSUCH22\"}", bob),
                HttpStatus.NOT_FOUND)));
        reset(redeem);
        when(redeem.redeem(any())).thenThrow(new RuleViolation("referral-window-closed", "too late"));
        assertEquals("referral-window-closed", type(fails(post("/api/v1/users/me/referral", "{\"code\":\"K7M2QX9P\"}", bob),
                HttpStatus.UNPROCESSABLE_ENTITY)));
    }

    @Test
    void redemptionsAreRateLimitedPerAccount() {
        UserId dan = new UserId("650000000000000000000004");
        String token = token(dan, "player");
        for (int i = 0; i < 10; i++) {
            http.toBlocking().exchange(post("/api/v1/users/me/referral", "{\"code\":\"K7M2QX9P\"}", token), String.class);
        }
        HttpClientResponseException limited = fails(post("/api/v1/users/me/referral", "{\"code\":\"K7M2QX9P\"}", token),
                HttpStatus.TOO_MANY_REQUESTS);
        assertEquals("too-many-requests", type(limited));
        assertTrue(limited.getResponse().getHeaders().contains("Retry-After"));
        verify(redeem, times(10)).redeem(any());
    }

    @Test
    void aPlayerSeesTheirOwnSideAndStaffSeeEverything() {
        Map<String, Object> mine = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me/referrals?limit=5")
                .bearerAuth(token(ANN, "player")), Argument.mapOf(String.class, Object.class));
        verify(queries).summary(eq(ANN), eq(new PageRequest(null, 5)));
        Map<?, ?> referred = (Map<?, ?>) ((List<?>) mine.get("referred")).get(0);
        assertEquals("bob", referred.get("username"));
        assertEquals(500, ((Map<?, ?>) referred.get("reward")).get("amount"), "the referrer's own reward");
        assertFalse(referred.containsKey("referee_id"));

        Map<String, Object> staff = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users/" + ANN.value() + "/referrals")
                .bearerAuth(token(STAFF, "player", "support")), Argument.mapOf(String.class, Object.class));
        Map<?, ?> link = (Map<?, ?>) ((List<?>) staff.get("referred")).get(0);
        assertEquals(BOB.value(), link.get("referee_id"));
        assertEquals(200, ((Map<?, ?>) link.get("referee_reward")).get("amount"));
    }

    @Test
    void onlyAdminsDisableCodesAndReverseRewardsAndReversalsNeedAKey() {
        String support = token(new UserId("650000000000000000000008"), "player", "support");
        String admin = token(STAFF, "player", "admin");
        fails(HttpRequest.POST("/api/v1/admin/users/" + ANN.value() + "/referral-code/disable", "").bearerAuth(support),
                HttpStatus.FORBIDDEN);
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + ANN.value() + "/referral-code/disable", "")
                .bearerAuth(admin), String.class);
        verify(disable).disable(any());

        String path = "/api/v1/admin/referrals/" + BOB.value() + "/reversals";
        String body = "{\"side\":\"referee\",\"reason\":\"fraud\"}";
        fails(post(path, body, token(ANN, "player")), HttpStatus.FORBIDDEN);
        assertEquals("idempotency-key-missing", type(fails(post(path, body, admin), HttpStatus.BAD_REQUEST)));
        String key = ControllerTestSupport.idempotencyKey();
        HttpResponse<String> first = http.toBlocking().exchange(post(path, body, admin).header("Idempotency-Key", key), String.class);
        HttpResponse<String> replay = http.toBlocking().exchange(post(path, body, admin).header("Idempotency-Key", key), String.class);
        assertEquals(first.body(), replay.body());
        ArgumentCaptor<ReverseReferralRewardUseCase.Command> command = ArgumentCaptor.forClass(ReverseReferralRewardUseCase.Command.class);
        verify(reverse).reverse(command.capture());
        assertEquals(Side.REFEREE, command.getValue().side());
        assertEquals(BOB, command.getValue().referralId());
        assertEquals("invalid-value", type(fails(post("/api/v1/admin/referrals/nope/reversals", body, admin)
                .header("Idempotency-Key", ControllerTestSupport.idempotencyKey()), HttpStatus.BAD_REQUEST)));
        verify(reverse, never()).reverse(eq(null));
    }
}
