package io.playerbase.adapters.rest.testing;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * TEST ONLY: stands in for the game-server API keys, which come from another branch. A request with
 * {@code X-Test-Principal: <key id>;<scope>,<scope>} is authenticated as the API-key principal that
 * branch builds: name = key id, roles = {@code game_server} plus each scope, {@code principal_type=api_key}.
 */
@Singleton
public final class TestApiKeyFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    public static final String HEADER = "X-Test-Principal";

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String value = request.getHeaders().get(HEADER);
        if (value == null) {
            return Publishers.empty();
        }
        String[] parts = value.split(";", 2);
        List<String> roles = new ArrayList<>(List.of("game_server"));
        if (parts.length > 1 && !parts[1].isBlank()) {
            roles.addAll(Arrays.asList(parts[1].split(",")));
        }
        return Publishers.just(Authentication.build(parts[0], roles, Map.of("principal_type", "api_key")));
    }
}
