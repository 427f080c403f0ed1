package io.playerbase.adapters.rest.compplayer;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.adapters.rest.testing.ControllerTestSupport;
import io.playerbase.adapters.rest.testing.TestApiKeyFetcher;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@MicronautTest
class CompPlayerControllerTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    PickCompPlayersUseCase pick;

    @MockBean(AccessQueries.class)
    AccessQueries accessQueriesMock() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(PickCompPlayersUseCase.class)
    PickCompPlayersUseCase pickMock() {
        return mock(PickCompPlayersUseCase.class);
    }

    @BeforeEach
    void resetMocks() {
        reset(pick);
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    @Test
    void aGameServerWithCompPlayersReadGetsThem() {
        when(pick.pick(new PickCompPlayersUseCase.Command(2))).thenReturn(List.of(
                new CompPlayerView("650000000000000000000001", "lena_kay", 3, "bronze", "active"),
                new CompPlayerView("650000000000000000000002", "nina_holt", 1, "unranked", "active")));
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/dutch/comp-players?count=2")
                .header(TestApiKeyFetcher.HEADER, "key-1;comp-players:read"), Argument.mapOf(String.class, Object.class));
        assertEquals(List.of(
                Map.of("user_id", "650000000000000000000001", "username", "lena_kay", "level", 3, "rank", "bronze"),
                Map.of("user_id", "650000000000000000000002", "username", "nina_holt", "level", 1, "rank", "unranked")),
                body.get("comp_players"));
    }

    @Test
    void onlyTheCompPlayersReadScopeMayAsk() {
        String path = "/api/v1/games/dutch/comp-players?count=2";
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET(path)));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET(path).header(TestApiKeyFetcher.HEADER, "key-1;matches:write")));
        String admin = tokens.issue(ControllerTestSupport.minted(new Authenticated(new UserId("650000000000000000000009"), List.of("player", "admin"), 0)))
                .accessToken();
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET(path).bearerAuth(admin)));
        verify(pick, never()).pick(any());
    }

    @Test
    void tooManyIsA422SayingHowManyExist() {
        when(pick.pick(any())).thenThrow(new RuleViolation("not-enough-comp-players", "Asked for 7 computer players; 5 exist"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/games/dutch/comp-players?count=7")
                        .header(TestApiKeyFetcher.HEADER, "key-1;comp-players:read"), Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
        Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:playerbase:problem:not-enough-comp-players", body.get("type"));
        assertEquals("Asked for 7 computer players; 5 exist", body.get("detail"));
        assertEquals(HttpStatus.BAD_REQUEST, statusOf(HttpRequest.GET("/api/v1/games/dutch/comp-players")
                .header(TestApiKeyFetcher.HEADER, "key-1;comp-players:read")), "count is required");
    }
}
