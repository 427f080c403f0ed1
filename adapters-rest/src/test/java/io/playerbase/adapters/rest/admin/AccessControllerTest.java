package io.playerbase.adapters.rest.admin;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.adapters.rest.auth.TokenService;
import io.playerbase.adapters.rest.testing.ControllerTestSupport;
import io.playerbase.application.access.port.in.ApiKeyQueries;
import io.playerbase.application.access.port.in.ApiKeyView;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase.ApiKeyPrincipal;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.access.port.in.RevokeApiKeyUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.Authenticated;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.ClearUnreadableFieldsUseCase;
import io.playerbase.application.user.port.in.PlayerProfileView;
import io.playerbase.application.user.port.in.ReinstateUserUseCase;
import io.playerbase.application.user.port.in.SuspendUserUseCase;
import io.playerbase.application.user.port.in.UserSummaryView;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.Page;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.Unavailable;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Who may call the staff and service endpoints, how principals are built, and the shapes they answer with. */
@MicronautTest
class AccessControllerTest {

    private static final UserId ADMIN = new UserId("650000000000000000000a01");
    private static final UserId SUPPORT = new UserId("650000000000000000000a02");
    private static final UserId PLAYER = new UserId("650000000000000000000a03");
    private static final String KEY_TOKEN = "pbk_650000000000000000000001.secret";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserView PLAYER_VIEW = new UserView(PLAYER.value(), "pat@example.com", "pat", "active", false,
            List.of("player"), null, null, Map.of(), T0, T0, List.of());

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    AccessQueries access;
    @Inject
    AuthenticateApiKeyUseCase apiKeys;
    @Inject
    AdminUserQueries queries;
    @Inject
    SuspendUserUseCase suspend;
    @Inject
    ReinstateUserUseCase reinstate;
    @Inject
    ChangeRolesUseCase changeRoles;
    @Inject
    ClearUnreadableFieldsUseCase clearUnreadable;
    @Inject
    CreateApiKeyUseCase createKey;
    @Inject
    RevokeApiKeyUseCase revokeKey;
    @Inject
    ApiKeyQueries keyQueries;

    @MockBean(AccessQueries.class)
    AccessQueries accessMock() {
        return mock(AccessQueries.class);
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @MockBean(AdminUserQueries.class)
    AdminUserQueries queriesMock() {
        return mock(AdminUserQueries.class);
    }

    @MockBean(SubscriptionQueries.class)
    SubscriptionQueries subscriptionsMock() {
        SubscriptionQueries subscriptions = mock(SubscriptionQueries.class);
        when(subscriptions.premium(PLAYER)).thenReturn(true);
        return subscriptions;
    }

    @MockBean(SuspendUserUseCase.class)
    SuspendUserUseCase suspendMock() {
        return mock(SuspendUserUseCase.class);
    }

    @MockBean(ReinstateUserUseCase.class)
    ReinstateUserUseCase reinstateMock() {
        return mock(ReinstateUserUseCase.class);
    }

    @MockBean(ChangeRolesUseCase.class)
    ChangeRolesUseCase changeRolesMock() {
        return mock(ChangeRolesUseCase.class);
    }

    @MockBean(ClearUnreadableFieldsUseCase.class)
    ClearUnreadableFieldsUseCase clearUnreadableMock() {
        return mock(ClearUnreadableFieldsUseCase.class);
    }

    @MockBean(CreateApiKeyUseCase.class)
    CreateApiKeyUseCase createKeyMock() {
        return mock(CreateApiKeyUseCase.class);
    }

    @MockBean(RevokeApiKeyUseCase.class)
    RevokeApiKeyUseCase revokeKeyMock() {
        return mock(RevokeApiKeyUseCase.class);
    }

    @MockBean(ApiKeyQueries.class)
    ApiKeyQueries keyQueriesMock() {
        return mock(ApiKeyQueries.class);
    }

    @BeforeEach
    void accounts() {
        reset(access, apiKeys, queries, suspend, reinstate, changeRoles, createKey, revokeKey, keyQueries);
        when(access.activeRoles(ADMIN)).thenReturn(Optional.of(List.of("admin", "player")));
        when(access.activeRoles(SUPPORT)).thenReturn(Optional.of(List.of("player", "support")));
        when(access.activeRoles(PLAYER)).thenReturn(Optional.of(List.of("player")));
        when(apiKeys.authenticate(any())).thenThrow(new AuthenticationFailed());
    }

    private String bearer(UserId user, String... roles) {
        return tokens.issue(new Authenticated(user, List.of(roles), 0)).accessToken();
    }

    private void apiKeyWithScopes(String... scopes) {
        reset(apiKeys);
        when(apiKeys.authenticate(new AuthenticateApiKeyUseCase.Command(KEY_TOKEN)))
                .thenReturn(new ApiKeyPrincipal("pbk_650000000000000000000001", List.of(scopes)));
        when(apiKeys.authenticate(ArgumentMatchers.argThat(c -> !KEY_TOKEN.equals(c.token()))))
                .thenThrow(new AuthenticationFailed());
    }

    private HttpStatus status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private Map<String, Object> problem(MutableHttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(expected, e.getStatus());
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
    }

    @Test
    void anApiKeyPrincipalHasTheGameServerRoleAndItsScopesButNeverThePlayerRole() {
        apiKeyWithScopes("users:read");
        when(queries.profile(PLAYER)).thenReturn(new PlayerProfileView(PLAYER.value(), "pat", "active", false));
        Map<?, ?> profile = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/" + PLAYER.value())
                .header("Authorization", "ApiKey " + KEY_TOKEN), Map.class);
        assertEquals(Map.of("id", PLAYER.value(), "username", "pat", "status", "active", "is_comp_player", false,
                "premium", true), profile);
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/users/me").header("Authorization", "ApiKey " + KEY_TOKEN)));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/users").header("Authorization", "ApiKey " + KEY_TOKEN)));

        apiKeyWithScopes("matches:write");
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/users/" + PLAYER.value())
                .header("Authorization", "apikey " + KEY_TOKEN)), "the scheme is case-insensitive; the scope is missing");
    }

    @Test
    void aWrongOrRevokedApiKeyIsAnonymous() {
        Map<String, Object> body = problem(HttpRequest.GET("/api/v1/users/" + PLAYER.value())
                .header("Authorization", "ApiKey pbk_650000000000000000000001.wrong"), HttpStatus.UNAUTHORIZED);
        assertEquals("urn:playerbase:problem:unauthenticated", body.get("type"));
        verify(queries, never()).profile(any());
    }

    @Test
    void aPlayerNeverReachesAnotherAccount() {
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/users/" + SUPPORT.value()).bearerAuth(bearer(PLAYER, "player"))));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/users/" + SUPPORT.value()).bearerAuth(bearer(PLAYER, "player"))));
        verify(queries, never()).profile(any());
        verify(queries, never()).byId(any());
    }

    @Test
    void aSuspendedAccountsTokenStopsWorkingAtOnce() {
        String token = bearer(ADMIN, "admin", "player");
        when(queries.list(any())).thenReturn(new Page<>(List.of(), null));
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/admin/users").bearerAuth(token)));
        when(access.activeRoles(ADMIN)).thenReturn(Optional.empty());
        assertEquals("urn:playerbase:problem:unauthenticated",
                problem(HttpRequest.GET("/api/v1/admin/users").bearerAuth(token), HttpStatus.UNAUTHORIZED).get("type"));
    }

    @Test
    void rolesComeFromTheAccountNowNotFromTheToken() {
        when(queries.list(any())).thenReturn(new Page<>(List.of(), null));
        when(access.activeRoles(ADMIN)).thenReturn(Optional.of(List.of("player")));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/users").bearerAuth(bearer(ADMIN, "admin", "player"))),
                "a removed admin role is gone although the token still names it");
        when(access.activeRoles(PLAYER)).thenReturn(Optional.of(List.of("player", "support")));
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/admin/users").bearerAuth(bearer(PLAYER, "player"))));
    }

    @Test
    void anUnreachableDatabaseDuringAuthenticationIsA503() {
        when(access.activeRoles(ADMIN)).thenThrow(new Unavailable("database-unavailable", "The database cannot be reached", null));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/admin/users").bearerAuth(bearer(ADMIN, "admin", "player"))));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
    }

    @Test
    void theStaffListingPassesItsCriteriaAndAnswersInSnakeCase() {
        when(queries.list(any())).thenReturn(new Page<>(List.of(new UserSummaryView(PLAYER.value(), "pat@example.com", "pat",
                "suspended", true, List.of("player"), T0, T0, List.of())), "next-page"));
        Map<?, ?> page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/users?email=pat%40example.com"
                + "&status=suspended&is_comp_player=true&limit=5&cursor=abc").bearerAuth(bearer(SUPPORT, "player", "support")), Map.class);
        assertEquals("next-page", page.get("next_cursor"));
        Map<?, ?> item = (Map<?, ?>) ((List<?>) page.get("items")).get(0);
        assertEquals(true, item.get("is_comp_player"));
        assertEquals("2026-01-01T00:00:00Z", item.get("created_at"));
        ArgumentCaptor<AdminUserQueries.ListQuery> query = ArgumentCaptor.forClass(AdminUserQueries.ListQuery.class);
        verify(queries).list(query.capture());
        assertEquals("pat@example.com", query.getValue().email());
        assertEquals("suspended", query.getValue().status());
        assertEquals(true, query.getValue().compPlayer());
        assertEquals(5, query.getValue().page().limit());
        assertEquals("abc", query.getValue().page().cursor());
        assertNull(query.getValue().username());
    }

    @Test
    void supportReadsButOnlyAdminsChangeAndTheActorIsTheAdmin() {
        String support = bearer(SUPPORT, "player", "support");
        when(queries.byId(PLAYER)).thenReturn(PLAYER_VIEW);
        assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/v1/admin/users/" + PLAYER.value()).bearerAuth(support)));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/admin/users/" + PLAYER.value() + "/suspend", "").bearerAuth(support)));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.PUT("/api/v1/admin/users/" + PLAYER.value() + "/roles",
                Map.of("roles", List.of("admin"))).bearerAuth(support)));
        verify(suspend, never()).suspend(any());

        when(suspend.suspend(any())).thenReturn(PLAYER_VIEW);
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + PLAYER.value() + "/suspend", "")
                .bearerAuth(bearer(ADMIN, "admin", "player")).header("X-Request-Id", "req-42"), Map.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        ArgumentCaptor<SuspendUserUseCase.Command> command = ArgumentCaptor.forClass(SuspendUserUseCase.Command.class);
        verify(suspend).suspend(command.capture());
        assertEquals(PLAYER, command.getValue().userId());
        assertEquals(Actor.staff(ADMIN, Actor.ActorRole.ADMIN, "req-42"), command.getValue().actor());
    }

    @Test
    void onlyAdminsRepairAnAccountAndTheFieldsAndActorReachTheUseCase() {
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/admin/users/" + PLAYER.value() + "/repair",
                Map.of("clear_fields", List.of("address"))).bearerAuth(bearer(SUPPORT, "player", "support"))));
        verify(clearUnreadable, never()).clear(any());

        when(clearUnreadable.clear(any())).thenReturn(PLAYER_VIEW);
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/users/" + PLAYER.value()
                + "/repair", Map.of("clear_fields", List.of("address", "phone"))).bearerAuth(bearer(ADMIN, "admin", "player"))
                .header("X-Request-Id", "req-7"), Map.class);

        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals(List.of(), response.getBody().orElseThrow().get("unreadable_fields"));
        ArgumentCaptor<ClearUnreadableFieldsUseCase.Command> command = ArgumentCaptor.forClass(ClearUnreadableFieldsUseCase.Command.class);
        verify(clearUnreadable).clear(command.capture());
        assertEquals(Set.of("address", "phone"), command.getValue().fields());
        assertEquals(Actor.staff(ADMIN, Actor.ActorRole.ADMIN, "req-7"), command.getValue().actor());
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.POST("/api/v1/admin/users/" + PLAYER.value() + "/repair",
                Map.of("clear_fields", List.of())).bearerAuth(bearer(ADMIN, "admin", "player"))));
    }

    @Test
    void staffRuleViolationsAndBadIdsAreProblems() {
        String admin = bearer(ADMIN, "admin", "player");
        when(suspend.suspend(any())).thenThrow(new RuleViolation("cannot-suspend-self", "Staff cannot suspend their own account"));
        assertEquals("urn:playerbase:problem:cannot-suspend-self", problem(HttpRequest.POST(
                "/api/v1/admin/users/" + ADMIN.value() + "/suspend", "").bearerAuth(admin), HttpStatus.UNPROCESSABLE_ENTITY).get("type"));
        assertEquals("urn:playerbase:problem:invalid-value", problem(HttpRequest.GET("/api/v1/admin/users/not-an-id")
                .bearerAuth(admin), HttpStatus.BAD_REQUEST).get("type"));
        assertEquals("urn:playerbase:problem:invalid-value", problem(HttpRequest.GET("/api/v1/admin/users?limit=500")
                .bearerAuth(admin), HttpStatus.BAD_REQUEST).get("type"));
        assertEquals(HttpStatus.BAD_REQUEST, status(HttpRequest.PUT("/api/v1/admin/users/" + PLAYER.value() + "/roles",
                Map.of("roles", List.of("support"), "everything", true)).bearerAuth(admin)));
    }

    @Test
    void anApiKeyIsShownOnceAndNeverCached() {
        String admin = bearer(ADMIN, "admin", "player");
        ApiKeyView view = new ApiKeyView("pbk_650000000000000000000001", "eu-1", List.of("matches:write"), true, T0,
                ADMIN.value(), null, null);
        when(createKey.create(any())).thenReturn(new CreateApiKeyUseCase.CreatedApiKey(view, KEY_TOKEN));
        HttpResponse<Map> created = http.toBlocking().exchange(HttpRequest.POST("/api/v1/admin/api-keys",
                Map.of("name", "eu-1", "scopes", List.of("matches:write"))).bearerAuth(admin), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        assertEquals("no-store", created.getHeaders().get("Cache-Control"));
        assertEquals(KEY_TOKEN, created.body().get("api_key"));
        assertEquals(List.of("matches:write"), created.body().get("scopes"));
        ArgumentCaptor<CreateApiKeyUseCase.Command> command = ArgumentCaptor.forClass(CreateApiKeyUseCase.Command.class);
        verify(createKey).create(command.capture());
        assertEquals(ADMIN.value(), command.getValue().actor().id());

        when(keyQueries.list(any())).thenReturn(new Page<>(List.of(view), null));
        Map<?, ?> page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/admin/api-keys").bearerAuth(admin), Map.class);
        Map<?, ?> listed = (Map<?, ?>) ((List<?>) page.get("items")).get(0);
        assertFalse(listed.containsKey("api_key"));
        assertFalse(page.toString().contains("secret"));
        assertEquals(true, listed.get("active"));
    }

    @Test
    void onlyAdminsManageApiKeys() {
        for (String token : List.of(bearer(SUPPORT, "player", "support"), bearer(PLAYER, "player"))) {
            assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.GET("/api/v1/admin/api-keys").bearerAuth(token)));
            assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/v1/admin/api-keys",
                    Map.of("name", "x", "scopes", List.of())).bearerAuth(token)));
            assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.DELETE("/api/v1/admin/api-keys/pbk_650000000000000000000001").bearerAuth(token)));
        }
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/v1/admin/api-keys")));
        verify(createKey, never()).create(any());
        verify(revokeKey, never()).revoke(any());
    }

    @Test
    void revokingIs204AndAnUnknownKeyIs404() {
        String admin = bearer(ADMIN, "admin", "player");
        assertEquals(HttpStatus.NO_CONTENT, status(HttpRequest.DELETE("/api/v1/admin/api-keys/pbk_650000000000000000000001").bearerAuth(admin)));
        Mockito.doThrow(new NotFound("api-key-not-found", "No such API key")).when(revokeKey).revoke(any());
        assertEquals("urn:playerbase:problem:api-key-not-found", problem(HttpRequest.DELETE(
                "/api/v1/admin/api-keys/pbk_650000000000000000000002").bearerAuth(admin), HttpStatus.NOT_FOUND).get("type"));
    }
}
