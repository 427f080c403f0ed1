package io.playerbase.adapters.rest.ratelimit;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.domain.shared.AuthenticationFailed;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The abuse limits of log-in, registration and refresh, with small limits so each test reaches them. */
@MicronautTest
@Property(name = "playerbase.rate-limits.login-per-address", value = "12/1h")
@Property(name = "playerbase.rate-limits.login-per-account", value = "4/1h")
@Property(name = "playerbase.rate-limits.failed-logins-per-account", value = "2/1h")
@Property(name = "playerbase.rate-limits.register-per-address", value = "3/1h")
@Property(name = "playerbase.rate-limits.register-per-account", value = "2/1h")
@Property(name = "playerbase.rate-limits.refresh-per-address", value = "100/1h")
@Property(name = "playerbase.rate-limits.refresh-per-account", value = "2/1h")
class RateLimitsControllerTest {

    private static final UserId ANN = new UserId("650000000000000000000b01");
    private static final UserView VIEW = new UserView(ANN.value(), "a@example.com", "ann", "active", false,
            List.of("player"), null, null, Map.of(), Instant.EPOCH, Instant.EPOCH, List.of());

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    LogInUseCase logIn;
    @Inject
    RegisterUserUseCase register;
    @Inject
    RefreshLoginUseCase refresh;
    @Inject
    TokenService tokens;

    @MockBean(LogInUseCase.class)
    LogInUseCase logInMock() {
        LogInUseCase mock = mock(LogInUseCase.class);
        when(mock.logIn(argThat(command -> command != null && "right password".equals(command.password()))))
                .thenReturn(new Authenticated(ANN, List.of("player"), 0));
        when(mock.logIn(argThat(command -> command != null && !"right password".equals(command.password()))))
                .thenThrow(new AuthenticationFailed());
        return mock;
    }

    @MockBean(RegisterUserUseCase.class)
    RegisterUserUseCase registerMock() {
        RegisterUserUseCase mock = mock(RegisterUserUseCase.class);
        when(mock.register(any())).thenReturn(VIEW);
        return mock;
    }

    @MockBean(RefreshLoginUseCase.class)
    RefreshLoginUseCase refreshMock() {
        RefreshLoginUseCase mock = mock(RefreshLoginUseCase.class);
        when(mock.refresh(any())).thenReturn(new Authenticated(ANN, List.of("player"), 0));
        return mock;
    }

    @MockBean(AccessQueries.class)
    AccessQueries accessMock() {
        return mock(AccessQueries.class);
    }

    @MockBean(AuthenticateApiKeyUseCase.class)
    AuthenticateApiKeyUseCase apiKeysMock() {
        return ControllerTestSupport.apiKeys();
    }

    private HttpStatus status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class)).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private MutableHttpRequest<?> login(String login, String password) {
        return HttpRequest.POST("/api/v1/auth/login", Map.of("login", login, "password", password));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void afterTooManyFailuresEvenTheRightPasswordWaitsAndSaysHowLong() {
        String account = unique("victim");
        assertEquals(HttpStatus.UNAUTHORIZED, status(login(account, "wrong 1")));
        assertEquals(HttpStatus.UNAUTHORIZED, status(login(account.toUpperCase(), "wrong 2")));
        HttpClientResponseException limited = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(login(" " + account + " ", "right password"), Argument.of(Map.class), Argument.of(Map.class)));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, limited.getStatus());
        assertEquals("application/problem+json", limited.getResponse().getContentType().orElseThrow().toString());
        long retryAfter = Long.parseLong(limited.getResponse().getHeaders().get("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        Map<?, ?> body = limited.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:playerbase:problem:too-many-requests", body.get("type"));
        assertEquals(429, ((Number) body.get("status")).intValue());
        verify(logIn, times(2)).logIn(argThat(command -> command != null
                && AuthRateLimitsAccess.normalized(command.login()).equals(account)));
        assertEquals(HttpStatus.OK, status(login(unique("bystander"), "right password")), "other accounts are not affected");
    }

    @Test
    void successfulLogInsAreLimitedPerAccountToo() {
        String account = unique("busy");
        for (int i = 0; i < 4; i++) {
            assertEquals(HttpStatus.OK, status(login(account, "right password")));
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, status(login(account, "right password")));
    }

    @Test
    void registrationsAreLimitedPerEmailAndPerAddressWhateverForwardedHeadersSay() {
        String email = unique("twice") + "@example.com";
        for (int i = 0; i < 2; i++) {
            assertEquals(HttpStatus.CREATED, status(HttpRequest.POST("/api/v1/auth/register",
                    Map.of("email", email, "username", unique("u"), "password", "correct horse"))));
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, status(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", email.toUpperCase(), "username", unique("u"), "password", "correct horse"))));
        // The address budget (3) is now used up: a spoofed X-Forwarded-For does not buy a fresh one.
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, status(HttpRequest.POST("/api/v1/auth/register",
                Map.of("email", unique("new") + "@example.com", "username", unique("u"), "password", "correct horse"))
                .header("X-Forwarded-For", "203.0.113.9")));
    }

    @Test
    void refreshesAreLimitedPerAccount() {
        String refreshToken = tokens.issue(new Authenticated(ANN, List.of("player"), 0)).refreshToken();
        assertEquals(HttpStatus.OK, status(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken))));
        assertEquals(HttpStatus.OK, status(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken))));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, status(HttpRequest.POST("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken))));
        verify(refresh, times(2)).refresh(any());
    }

    /** The normalization the limits use, to match calls made with variants of one name. */
    private static final class AuthRateLimitsAccess {
        static String normalized(String value) {
            return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        }
    }
}
