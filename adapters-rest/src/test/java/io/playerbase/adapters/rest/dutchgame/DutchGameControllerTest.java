package io.playerbase.adapters.rest.dutchgame;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
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
import io.playerbase.adapters.rest.testing.TestApiKeyFetcher;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.dutchgame.port.in.DutchGameQueries;
import io.playerbase.application.dutchgame.port.in.LeaderboardView;
import io.playerbase.application.dutchgame.port.in.MatchView;
import io.playerbase.application.dutchgame.port.in.PlayerStatsView;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Game servers authenticate here through the test-only {@link TestApiKeyFetcher}; players and staff by JWT. */
@MicronautTest
class DutchGameControllerTest {

    private static final String ANN = "650000000000000000000001";
    private static final String BOB = "650000000000000000000002";
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
    private static final MatchView VIEW = new MatchView("m-1", START, START.plusSeconds(600), List.of(
            new MatchView.Line(ANN, "win", 40, 10), new MatchView.Line(BOB, "loss", 5, -10)),
            "key-1", START.plusSeconds(601), "applied");
    private static final PlayerStatsView STATS = new PlayerStatsView(ANN, "ann", false, 3, 1, 4, 120, 2, "unranked",
            0.75, START, 1);
    private static final String BODY = """
            {"match_id":"m-1","started_at":"2026-05-01T10:00:00Z","ended_at":"2026-05-01T10:10:00Z","players":[
             {"user_id":"650000000000000000000001","result":"win","points":40,"coins_delta":10},
             {"user_id":"650000000000000000000002","result":"loss","points":5,"coins_delta":-10}]}""";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    ReportDutchMatchUseCase reportMatch;
    @Inject
    DutchGameQueries queries;

    @MockBean(AccessQueries.class)
    AccessQueries accessQueriesMock() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(ReportDutchMatchUseCase.class)
    ReportDutchMatchUseCase reportMock() {
        return mock(ReportDutchMatchUseCase.class);
    }

    @MockBean(DutchGameQueries.class)
    DutchGameQueries queriesMock() {
        return mock(DutchGameQueries.class);
    }

    @BeforeEach
    void resetMocks() {
        reset(reportMatch, queries);
        when(queries.leaderboardPages()).thenReturn(new PageRequest.Limits(20, 100));
    }

    private String bearer(String... roles) {
        return "Bearer " + ControllerTestSupport.accessToken(tokens, new UserId(ANN), roles);
    }

    private static MutableHttpRequest<String> report(String body) {
        return HttpRequest.POST("/api/v1/games/dutch/matches", body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private Map<String, Object> problem(HttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(expected, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
    }

    @Test
    void aGameServerWithMatchesWriteReportsAMatch() {
        when(reportMatch.report(any())).thenReturn(VIEW);
        Map<String, Object> body = http.toBlocking().retrieve(report(BODY)
                .header(TestApiKeyFetcher.HEADER, "key-1;matches:write").header("X-Request-Id", "req-9"),
                Argument.mapOf(String.class, Object.class));
        assertEquals("m-1", body.get("match_id"));
        assertEquals("applied", body.get("status"));
        assertEquals("key-1", body.get("reported_by"));
        assertEquals(Map.of("user_id", BOB, "result", "loss", "points", 5, "coins_delta", -10),
                ((List<?>) body.get("players")).get(1));
        ArgumentCaptor<ReportDutchMatchUseCase.Command> command = ArgumentCaptor.forClass(ReportDutchMatchUseCase.Command.class);
        verify(reportMatch).report(command.capture());
        assertEquals(new MatchId("m-1"), command.getValue().report().matchId());
        assertEquals(MatchResult.LOSS, command.getValue().report().players().get(1).result());
        assertEquals(-10, command.getValue().report().players().get(1).coinsDelta());
        assertEquals(new Actor("key-1", Actor.ActorRole.GAME_SERVER, "req-9"), command.getValue().reporter());
    }

    @Test
    void reportingNeedsTheMatchesWriteScope() {
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(report(BODY)));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(report(BODY).header(TestApiKeyFetcher.HEADER, "key-2;comp-players:read")));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(report(BODY).header("Authorization", bearer("player"))));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(report(BODY).header("Authorization", bearer("player", "admin"))));
        verify(reportMatch, never()).report(any());
    }

    @Test
    void badReportsAre400WithoutReachingTheUseCase() {
        String key = "key-1;matches:write";
        problem(report(BODY.replace("\"win\"", "\"draw\"")).header(TestApiKeyFetcher.HEADER, key), HttpStatus.BAD_REQUEST);
        problem(report(BODY.replace("\"m-1\"", "\"$where\"")).header(TestApiKeyFetcher.HEADER, key), HttpStatus.BAD_REQUEST);
        problem(report(BODY.replace("650000000000000000000002", "650000000000000000000001"))
                .header(TestApiKeyFetcher.HEADER, key), HttpStatus.BAD_REQUEST);
        problem(report(BODY.replace("\"points\":40,", "")).header(TestApiKeyFetcher.HEADER, key), HttpStatus.BAD_REQUEST);
        problem(report(BODY.replace("\"points\":40", "\"points\":40,\"bonus\":1")).header(TestApiKeyFetcher.HEADER, key),
                HttpStatus.BAD_REQUEST);
        problem(report("{\"match_id\":\"m\",\"started_at\":\"2026-05-01T10:00:00Z\",\"ended_at\":\"2026-05-01T10:00:00Z\","
                + "\"players\":[]}").header(TestApiKeyFetcher.HEADER, key), HttpStatus.BAD_REQUEST);
        verify(reportMatch, never()).report(any());
    }

    @Test
    void ruleViolationsAre422Problems() {
        when(reportMatch.report(any())).thenThrow(new RuleViolation("insufficient-coins", "Player x has fewer than 10 coins"));
        Map<String, Object> body = problem(report(BODY).header(TestApiKeyFetcher.HEADER, "key-1;matches:write"),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertEquals("urn:playerbase:problem:insufficient-coins", body.get("type"));
    }

    @Test
    void matchesAreReadByTheirReporterAndStaff() {
        when(queries.match(eq(new MatchId("m-1")), any(), anyBoolean())).thenReturn(VIEW);
        HttpRequest<?> read = HttpRequest.GET("/api/v1/games/dutch/matches/m-1");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/api/v1/games/dutch/matches/m-1")
                .header(TestApiKeyFetcher.HEADER, "key-1;matches:write")));
        verify(queries).match(new MatchId("m-1"), "key-1", false);
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/api/v1/games/dutch/matches/m-1")
                .header("Authorization", bearer("player", "support"))));
        verify(queries).match(new MatchId("m-1"), ANN, true);
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET("/api/v1/games/dutch/matches/m-1")
                .header("Authorization", bearer("player"))));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(read));
        when(queries.match(eq(new MatchId("m-2")), any(), anyBoolean())).thenThrow(new NotFound("match-not-found", "No such match"));
        assertEquals("urn:playerbase:problem:match-not-found", problem(HttpRequest.GET("/api/v1/games/dutch/matches/m-2")
                .header(TestApiKeyFetcher.HEADER, "key-2;matches:write"), HttpStatus.NOT_FOUND).get("type"));
    }

    @Test
    void statsAndLeaderboardsArePublic() {
        when(queries.stats(new UserId(ANN))).thenReturn(STATS);
        Map<String, Object> stats = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/games/dutch/players/" + ANN + "/stats"),
                Argument.mapOf(String.class, Object.class));
        assertEquals("ann", stats.get("username"));
        assertEquals(0.75, stats.get("win_rate"));
        assertEquals(1, stats.get("formula_version"));
        assertNull(stats.get("email"));
        assertNull(stats.get("coins"));

        when(queries.leaderboard(LeaderboardOrder.WIN_RATE, new PageRequest("abc", 2), true))
                .thenReturn(new LeaderboardView("win_rate", List.of(new LeaderboardView.Entry(3, STATS)), "next"));
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET(
                "/api/v1/games/dutch/leaderboard?by=win_rate&limit=2&cursor=abc&include_comp_players=true"),
                Argument.mapOf(String.class, Object.class));
        assertEquals("next", page.get("next_cursor"));
        assertEquals(3, ((Map<?, ?>) ((List<?>) page.get("entries")).get(0)).get("rank"));

        when(queries.around(new UserId(ANN), LeaderboardOrder.POINTS, 5, false))
                .thenReturn(new LeaderboardView("points", List.of(new LeaderboardView.Entry(1, STATS)), null));
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/api/v1/games/dutch/leaderboard/around/" + ANN)));
        verify(queries).around(new UserId(ANN), LeaderboardOrder.POINTS, 5, false);

        assertEquals("urn:playerbase:problem:invalid-value",
                problem(HttpRequest.GET("/api/v1/games/dutch/leaderboard?by=coins"), HttpStatus.BAD_REQUEST).get("type"));
        problem(HttpRequest.GET("/api/v1/games/dutch/players/not-an-id/stats"), HttpStatus.BAD_REQUEST);
        assertEquals(List.of(Map.of("field", "limit", "message", "must be between 1 and 100")),
                problem(HttpRequest.GET("/api/v1/games/dutch/leaderboard?limit=101"), HttpStatus.BAD_REQUEST).get("errors"),
                "the configured largest page");
        verify(queries, never()).leaderboard(eq(LeaderboardOrder.POINTS), any(), anyBoolean());
    }
}
