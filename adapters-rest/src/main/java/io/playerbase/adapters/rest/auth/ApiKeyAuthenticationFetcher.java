package io.playerbase.adapters.rest.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase.ApiKeyPrincipal;
import io.playerbase.domain.shared.AuthenticationFailed;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code Authorization: ApiKey <id>.<secret>}: the principal of a game server or another service. Its
 * name is the key id; its roles are {@code game_server} and each scope verbatim (so endpoints declare
 * {@code @Secured("matches:write")}); it never has the {@code player} role. The key is checked against
 * the primary on every request (on the blocking pool), so a revocation is effective at once. A wrong,
 * unknown or revoked key leaves the request anonymous, which every secured endpoint answers with 401.
 */
@Singleton
final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String SCHEME = "ApiKey ";

    private final AuthenticateApiKeyUseCase authenticate;
    private final Scheduler blocking;

    ApiKeyAuthenticationFetcher(AuthenticateApiKeyUseCase authenticate,
                                @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.authenticate = authenticate;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Mono.empty();
        }
        String token = header.substring(SCHEME.length()).strip();
        return Mono.fromCallable(() -> principal(token)).subscribeOn(blocking).flatMap(Mono::justOrEmpty);
    }

    private Optional<Authentication> principal(String token) {
        ApiKeyPrincipal key;
        try {
            key = authenticate.authenticate(new AuthenticateApiKeyUseCase.Command(token));
        } catch (AuthenticationFailed e) {
            return Optional.empty();
        }
        List<String> roles = new ArrayList<>();
        roles.add(Principals.GAME_SERVER_ROLE);
        roles.addAll(key.scopes());
        return Optional.of(Authentication.build(key.keyId(), roles, Map.of(Principals.TYPE, Principals.API_KEY)));
    }
}
