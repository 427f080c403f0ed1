package io.playerbase.adapters.rest.user;

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
import io.playerbase.application.user.port.in.ChangePasswordUseCase;
import io.playerbase.application.user.port.in.DeleteAccountUseCase;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.user.port.in.UserQueries;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.Conflict;
import io.playerbase.domain.shared.Unavailable;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@MicronautTest
class AuthAndUserControllerTest {

    private static final UserId ANN = new UserId("650000000000000000000001");
    private static final UserView ANN_VIEW = new UserView(ANN.value(), "ann@example.com", "ann", "active", false,
            List.of("player"), null, null, Map.of("wallet", Map.of("balance", 0L, "currency", "CREDITS")),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), List.of());
    private static final Authenticated ANN_AUTH = new Authenticated(ANN, List.of("player"), 0);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TokenService tokens;
    @Inject
    RegisterUserUseCase register;
    @Inject
    LogInUseCase logIn;
    @Inject
    RefreshLoginUseCase refresh;
    @Inject
    UserQueries queries;
    @Inject
    UpdateProfileUseCase updateProfile;
    @Inject
    ChangePasswordUseCase changePassword;
    @Inject
    DeleteAccountUseCase deleteAccount;

    @MockBean(DeleteAccountUseCase.class)
    DeleteAccountUseCase deleteAccountMock() {
        return mock(DeleteAccountUseCase.class);
    }

    @MockBean(RegisterUserUseCase.class)
    RegisterUserUseCase registerMock() {
        return mock(RegisterUserUseCase.class);
    }

    @MockBean(LogInUseCase.class)
    LogInUseCase logInMock() {
        return mock(LogInUseCase.class);
    }

    @MockBean(RefreshLoginUseCase.class)
    RefreshLoginUseCase refreshMock() {
        return mock(RefreshLoginUseCase.class);
    }

    @MockBean(UserQueries.class)
    UserQueries queriesMock() {
        return mock(UserQueries.class);
    }

    @MockBean(UpdateProfileUseCase.class)
    UpdateProfileUseCase updateMock() {
        return mock(UpdateProfileUseCase.class);
    }

    @MockBean(ChangePasswordUseCase.class)
    ChangePasswordUseCase changePasswordMock() {
        return mock(ChangePasswordUseCase.class);
    }

    /** Every account is active with the player role, unless a test says otherwise. */
    @MockBean(AccessQueries.class)
    AccessQueries accessMock() {
        AccessQueries access = mock(AccessQueries.class);
        when(access.activeRoles(any())).thenReturn(Optional.of(List.of("player")));
        return access;
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    @BeforeEach
    void resetMocks() {
        reset(register, logIn, refresh, queries, updateProfile, changePassword, deleteAccount);
    }

    /** Sends a request expected to fail and returns the problem body, after checking the common shape. */
    private Map<String, Object> problem(HttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(expected, e.getStatus(), () -> "body: " + e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        Map<String, Object> body = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        assertEquals(expected.getCode(), ((Number) body.get("status")).intValue());
        assertTrue(String.valueOf(body.get("type")).startsWith("urn:playerbase:problem:"), body.toString());
        assertNotNull(body.get("detail"));
        assertNotNull(body.get("request_id"));
        String text = body.toString();
        assertFalse(text.contains("Exception"), "no exception names in problem bodies: " + text);
        assertFalse(text.contains("io.playerbase"), "no class names in problem bodies: " + text);
        assertFalse(text.contains("\tat "), "no stack traces: " + text);
        assertFalse(text.contains("Request body") || text.contains("Failed to convert") || text.contains("RegisterUserRequest"),
                "no framework messages naming Java types: " + text);
        return body;
    }

    private static MutableHttpRequest<?> registerBody(String json) {
        return HttpRequest.POST("/api/v1/auth/register", json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Test
    void registerAnswers201WithTheAccountInSnakeCase() {
        when(register.register(any())).thenReturn(ANN_VIEW);
        HttpResponse<Map> response = http.toBlocking().exchange(
                registerBody("{\"email\":\"ann@example.com\",\"username\":\"ann\",\"password\":\"correct horse\"}")
                        .header("X-Request-Id", "test-123"), Map.class);
        assertEquals(HttpStatus.CREATED, response.getStatus());
        assertEquals("/api/v1/users/me", response.getHeaders().get("Location"));
        assertEquals("test-123", response.getHeaders().get("X-Request-Id"));
        Map<?, ?> body = response.body();
        assertEquals(ANN.value(), body.get("id"));
        assertEquals(false, body.get("is_comp_player"));
        assertEquals("active", body.get("status"));
        assertEquals(Map.of("wallet", Map.of("balance", 0, "currency", "CREDITS")), body.get("modules"));
        assertFalse(body.containsKey("password_hash"));
        ArgumentCaptor<RegisterUserUseCase.Command> command = ArgumentCaptor.forClass(RegisterUserUseCase.Command.class);
        verify(register).register(command.capture());
        assertEquals("test-123", command.getValue().requestId());
        assertEquals("ann", command.getValue().username().value());
    }

    @Test
    void invalidFieldsAreA400ListingEachField() {
        Map<String, Object> body = problem(registerBody("{\"email\":\"nope\",\"username\":\"a\",\"password\":\"short\"}"),
                HttpStatus.BAD_REQUEST);
        assertEquals("urn:playerbase:problem:invalid-value", body.get("type"));
        List<?> errors = (List<?>) body.get("errors");
        assertEquals(3, errors.size());
        verify(register, never()).register(any());
    }

    @Test
    void malformedJsonIsA400() {
        Map<String, Object> body = problem(registerBody("{\"email\": "), HttpStatus.BAD_REQUEST);
        assertEquals("urn:playerbase:problem:malformed-request", body.get("type"));
    }

    @Test
    void unknownFieldsAreRejectedByName() {
        Map<String, Object> body = problem(registerBody(
                "{\"email\":\"a@b.co\",\"username\":\"ann\",\"password\":\"correct horse\",\"roles\":[\"admin\"]}"),
                HttpStatus.BAD_REQUEST);
        assertEquals("Unknown field 'roles'", body.get("detail"), body.toString());
        assertEquals(List.of(Map.of("field", "roles", "message", "is not a known field")), body.get("errors"));
        verify(register, never()).register(any());
    }

    @Test
    void missingFieldsAreA400WithFieldErrors() {
        Map<String, Object> body = problem(registerBody("{\"email\":\"a@b.co\"}"), HttpStatus.BAD_REQUEST);
        assertEquals(List.of(Map.of("field", "password", "message", "must not be null"),
                Map.of("field", "username", "message", "must not be null")), body.get("errors"));
        verify(register, never()).register(any());
    }

    @Test
    void wrongTypesAreA400() {
        problem(registerBody("{\"email\":[1,2],\"username\":{\"$gt\":\"\"},\"password\":true}"), HttpStatus.BAD_REQUEST);
        problem(registerBody("[]"), HttpStatus.BAD_REQUEST);
        verify(register, never()).register(any());
    }

    @Test
    void oversizedBodiesAreA413() {
        String huge = "{\"email\":\"" + "a".repeat(70_000) + "\",\"username\":\"ann\",\"password\":\"x\"}";
        problem(registerBody(huge), HttpStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void wrongContentTypeIsA415() {
        problem(HttpRequest.POST("/api/v1/auth/register", "email=a").contentType(MediaType.TEXT_PLAIN_TYPE),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unknownRoutesAndWrongMethodsAreProblems() {
        problem(HttpRequest.GET("/api/v1/nothing-here"), HttpStatus.NOT_FOUND);
        problem(HttpRequest.GET("/api/v1/auth/login"), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void takenEmailIsA409WithATypedProblem() {
        when(register.register(any())).thenThrow(new Conflict("email-taken", "This email is already registered"));
        Map<String, Object> body = problem(registerBody(
                "{\"email\":\"ann@example.com\",\"username\":\"ann\",\"password\":\"correct horse\"}"), HttpStatus.CONFLICT);
        assertEquals("urn:playerbase:problem:email-taken", body.get("type"));
    }

    @Test
    void unexpectedFailuresAreA500WithoutDetails() {
        when(register.register(any())).thenThrow(new IllegalStateException("secret internals"));
        Map<String, Object> body = problem(registerBody(
                "{\"email\":\"ann@example.com\",\"username\":\"ann\",\"password\":\"correct horse\"}"),
                HttpStatus.INTERNAL_SERVER_ERROR);
        assertFalse(body.toString().contains("secret internals"));
    }

    @Test
    void unreachableDatabaseIsA503WithRetryAfter() {
        when(queries.byId(ANN)).thenThrow(new Unavailable("database-unavailable", "The database cannot be reached", null));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/api/v1/users/me").bearerAuth(tokens.issue(ANN_AUTH).accessToken())));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
        assertEquals("5", e.getResponse().getHeaders().get("Retry-After"));
    }

    @Test
    void loginReturnsATokenPair() {
        when(logIn.logIn(any())).thenReturn(ANN_AUTH);
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", "ann", "password", "correct horse")), Map.class);
        assertEquals("Bearer", body.get("token_type"));
        assertEquals(900, ((Number) body.get("expires_in")).intValue());
        assertNotNull(body.get("access_token"));
        assertNotNull(body.get("refresh_token"));
    }

    @Test
    void failedLoginIsA401WithOneBodyForEveryCause() {
        when(logIn.logIn(any())).thenThrow(new AuthenticationFailed());
        Map<String, Object> first = problem(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", "ann", "password", "wrong")), HttpStatus.UNAUTHORIZED);
        Map<String, Object> second = problem(HttpRequest.POST("/api/v1/auth/login",
                Map.of("login", "nobody", "password", "whatever")), HttpStatus.UNAUTHORIZED);
        first.remove("request_id");
        second.remove("request_id");
        assertEquals(first, second);
    }

    @Test
    void meNeedsAnAccessToken() {
        when(queries.byId(ANN)).thenReturn(ANN_VIEW);
        problem(HttpRequest.GET("/api/v1/users/me"), HttpStatus.UNAUTHORIZED);
        problem(HttpRequest.GET("/api/v1/users/me").bearerAuth("not-a-jwt"), HttpStatus.UNAUTHORIZED);
        TokenService.Tokens pair = tokens.issue(ANN_AUTH);
        problem(HttpRequest.GET("/api/v1/users/me").bearerAuth(pair.refreshToken()), HttpStatus.UNAUTHORIZED);
        Map<?, ?> me = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/users/me").bearerAuth(pair.accessToken()), Map.class);
        assertEquals("ann", me.get("username"));
    }

    @Test
    void refreshAcceptsOnlyRefreshTokens() {
        when(refresh.refresh(any())).thenReturn(ANN_AUTH);
        TokenService.Tokens pair = tokens.issue(ANN_AUTH);
        problem(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", pair.accessToken())), HttpStatus.UNAUTHORIZED);
        problem(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", "garbage")), HttpStatus.UNAUTHORIZED);
        Map<?, ?> body = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/refresh",
                Map.of("refresh_token", pair.refreshToken())), Map.class);
        assertNotNull(body.get("access_token"));
        ArgumentCaptor<RefreshLoginUseCase.Command> command = ArgumentCaptor.forClass(RefreshLoginUseCase.Command.class);
        verify(refresh).refresh(command.capture());
        assertEquals(new RefreshLoginUseCase.Command(ANN, 0), command.getValue());
    }

    @Test
    void profileUpdateActsOnTheTokenSubjectOnly() {
        when(updateProfile.update(any())).thenReturn(ANN_VIEW);
        http.toBlocking().exchange(HttpRequest.PATCH("/api/v1/users/me", Map.of("phone", "+1 555 0100"))
                .bearerAuth(tokens.issue(ANN_AUTH).accessToken()), Map.class);
        ArgumentCaptor<UpdateProfileUseCase.Command> command = ArgumentCaptor.forClass(UpdateProfileUseCase.Command.class);
        verify(updateProfile).update(command.capture());
        assertEquals(ANN, command.getValue().userId());
        assertEquals("+1 555 0100", command.getValue().phone());
        assertEquals(null, command.getValue().username());
        assertEquals(ANN.value(), command.getValue().actor().id());
    }

    @Test
    void missingFieldsAreNamedInSnakeCase() {
        Map<String, Object> body = problem(HttpRequest.POST("/api/v1/users/me/password", Map.of("new_password", "x"))
                .bearerAuth(tokens.issue(ANN_AUTH).accessToken()), HttpStatus.BAD_REQUEST);
        assertEquals(List.of(Map.of("field", "current_password", "message", "must not be null")), body.get("errors"));
        verify(changePassword, never()).change(any());
    }

    @Test
    void accountDeletionNeedsThePasswordAndActsOnTheTokenSubject() {
        String token = tokens.issue(ANN_AUTH).accessToken();
        problem(HttpRequest.DELETE("/api/v1/users/me", Map.of()).bearerAuth(token), HttpStatus.BAD_REQUEST);
        problem(HttpRequest.DELETE("/api/v1/users/me", Map.of("password", "x")), HttpStatus.UNAUTHORIZED);
        verify(deleteAccount, never()).delete(any());
        HttpResponse<?> response = http.toBlocking().exchange(
                HttpRequest.DELETE("/api/v1/users/me", Map.of("password", "correct horse")).bearerAuth(token));
        assertEquals(HttpStatus.NO_CONTENT, response.getStatus());
        ArgumentCaptor<DeleteAccountUseCase.Command> command = ArgumentCaptor.forClass(DeleteAccountUseCase.Command.class);
        verify(deleteAccount).delete(command.capture());
        assertEquals(ANN, command.getValue().userId());
        assertEquals("correct horse", command.getValue().password());
    }

    @Test
    void passwordChangeIs204() {
        HttpResponse<?> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/users/me/password",
                        Map.of("current_password", "correct horse", "new_password", "battery staple"))
                .bearerAuth(tokens.issue(ANN_AUTH).accessToken()));
        assertEquals(HttpStatus.NO_CONTENT, response.getStatus());
        verify(changePassword).change(any());
    }
}
