package io.playerbase.adapters.rest.compplayer;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.playerbase.application.compplayer.port.in.AddCompPlayerUseCase;
import io.playerbase.application.compplayer.port.in.ChangeCompPlayerStatusUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@MicronautTest
class AdminCompPlayerControllerTest {

    private static final String ADMIN = "650000000000000000000009";
    private static final String CP = "650000000000000000000007";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    AddCompPlayerUseCase add;
    @Inject
    ChangeCompPlayerStatusUseCase changeStatus;

    @MockBean(AccessQueries.class)
    AccessQueries accessQueriesMock() {
        return ControllerTestSupport.accessQueries();
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(AddCompPlayerUseCase.class)
    AddCompPlayerUseCase addMock() {
        return mock(AddCompPlayerUseCase.class);
    }

    @MockBean(ChangeCompPlayerStatusUseCase.class)
    ChangeCompPlayerStatusUseCase changeMock() {
        return mock(ChangeCompPlayerStatusUseCase.class);
    }

    @BeforeEach
    void resetMocks() {
        reset(add, changeStatus);
    }

    private String token(String... roles) {
        return ControllerTestSupport.accessToken(tokens, new UserId(ADMIN), roles);
    }

    private HttpStatus statusOf(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    @Test
    void anAdminAddsAComputerPlayer() {
        when(add.add(any())).thenReturn(new CompPlayerView(CP, "robo_ann", 1, "unranked", "active"));
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/comp-players",
                Map.of("username", "robo_ann")).bearerAuth(token("player", "admin")).header("X-Request-Id", "r-1"), Map.class);
        assertEquals(HttpStatus.CREATED, response.getStatus());
        assertEquals(Map.of("user_id", CP, "username", "robo_ann", "level", 1, "rank", "unranked", "status", "active"),
                response.body());
        ArgumentCaptor<AddCompPlayerUseCase.Command> command = ArgumentCaptor.forClass(AddCompPlayerUseCase.Command.class);
        verify(add).add(command.capture());
        assertEquals(new AddCompPlayerUseCase.Command("robo_ann", new Actor(ADMIN, Actor.ActorRole.ADMIN, "r-1")),
                command.getValue());
    }

    @Test
    void anAdminSuspendsAndReinstates() {
        when(changeStatus.change(any())).thenReturn(new CompPlayerView(CP, "robo_ann", 1, "unranked", "suspended"));
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/comp-players/" + CP + "/suspend", "")
                .bearerAuth(token("player", "admin")), Argument.mapOf(String.class, Object.class));
        assertEquals("suspended", body.get("status"));
        ArgumentCaptor<ChangeCompPlayerStatusUseCase.Command> command =
                ArgumentCaptor.forClass(ChangeCompPlayerStatusUseCase.Command.class);
        verify(changeStatus).change(command.capture());
        assertEquals(false, command.getValue().active());
        assertEquals(new UserId(CP), command.getValue().userId());
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.POST("/api/v1/admin/comp-players/" + CP + "/reinstate", "")
                .bearerAuth(token("player", "admin"))));
    }

    @Test
    void onlyAdminsMayManageComputerPlayers() {
        HttpRequest<?> addRequest = HttpRequest.POST("/api/v1/admin/comp-players", Map.of("username", "robo_ann"));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(addRequest));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.POST("/api/v1/admin/comp-players", Map.of("username", "x1"))
                .bearerAuth(token("player", "support"))));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.POST("/api/v1/admin/comp-players/" + CP + "/suspend", "")
                .header(TestApiKeyFetcher.HEADER, "key-1;matches:write,comp-players:read")));
        verify(add, never()).add(any());
        verify(changeStatus, never()).change(any());
    }

    @Test
    void aTakenNameIsA409() {
        when(add.add(any())).thenThrow(new Conflict("username-taken", "This username is taken"));
        assertEquals(HttpStatus.CONFLICT, statusOf(HttpRequest.POST("/api/v1/admin/comp-players", Map.of("username", "lena_kay"))
                .bearerAuth(token("player", "admin"))));
    }
}
