package io.playerbase.adapters.rest.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.UserId;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates bearer tokens like Micronaut's own fetcher (same token readers and validators), then
 * asks the account's current status and roles on the blocking pool, off the event loop:
 * <ul>
 *   <li>a suspended, deleted or vanished account's token stops working with the next request (401),
 *       not when it expires;</li>
 *   <li>the roles of the request are the account's roles now, not the ones in the token, so a removed
 *       staff role is gone at once.</li>
 * </ul>
 * There is no cache: one point read by id on the primary per request, so every instance sees a
 * suspension at the same moment (docs/access-control.md).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class ActiveAccountTokenFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final List<TokenValidator<HttpRequest<?>>> validators;
    private final TokenResolver<HttpRequest<?>> resolver;
    private final AccessQueries access;
    private final Scheduler blocking;

    ActiveAccountTokenFetcher(List<TokenValidator<HttpRequest<?>>> validators, TokenResolver<HttpRequest<?>> resolver,
                              AccessQueries access, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.validators = validators;
        this.resolver = resolver;
        this.access = access;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> tokens = resolver.resolveTokens(request);
        if (tokens.isEmpty()) {
            return Flux.empty();
        }
        return Flux.fromIterable(tokens)
                .concatMap(token -> Flux.fromIterable(validators)
                        .concatMap(validator -> validator.validateToken(token, request))
                        .next())
                .next()
                .publishOn(blocking)
                .flatMap(token -> Mono.justOrEmpty(withCurrentRoles(token)));
    }

    private Optional<Authentication> withCurrentRoles(Authentication token) {
        UserId userId;
        try {
            userId = new UserId(token.getName());
        } catch (InvalidValue e) {
            return Optional.empty();
        }
        return access.activeRoles(userId).map(roles -> {
            Map<String, Object> attributes = new HashMap<>(token.getAttributes());
            attributes.remove("roles");
            attributes.put(Principals.TYPE, Principals.USER);
            return Authentication.build(userId.value(), roles, attributes);
        });
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
