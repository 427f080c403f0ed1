package io.playerbase.adapters.rest.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import io.playerbase.adapters.rest.error.ProblemResponses;
import io.playerbase.domain.shared.InvalidValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Checks what every operation receives besides its JSON body, before any handler runs (after
 * authentication, so an anonymous caller learns nothing beyond its 401):
 * <ul>
 *   <li>a request with a body says it is {@code application/json} in UTF-8, the only charset JSON may
 *   use; else 415 (the framework would read a body without a {@code Content-Type} as JSON);</li>
 *   <li>path variables and query values are valid text ({@link RequestText}); else 400 naming them.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestShapeFilter implements Ordered {

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (hasBody(request) && !isJson(request)) {
            return ProblemResponses.of(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Send the body as application/json (UTF-8)", List.of());
        }
        RouteAttributes.getRouteMatch(request).ifPresent(route -> {
            if (route instanceof UriRouteMatch<?, ?> uri) {
                for (Map.Entry<String, Object> variable : uri.getVariableValues().entrySet()) {
                    // The variable's name (always valid text) is spelled out only for the error.
                    String problem = RequestText.problem(String.valueOf(variable.getValue()));
                    if (problem != null) {
                        throw new InvalidValue(ProblemResponses.fieldName(variable.getKey()), problem);
                    }
                }
            }
        });
        for (String name : request.getParameters().names()) {
            requireText(name, name);
            for (String value : request.getParameters().getAll(name)) {
                requireText(name, value);
            }
        }
        return null;
    }

    private static void requireText(String name, String value) {
        String problem = RequestText.problem(value);
        if (problem != null) {
            throw new InvalidValue(RequestText.problem(name) == null ? name : "query", problem);
        }
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean isJson(HttpRequest<?> request) {
        try {
            MediaType type = request.getContentType().orElse(null);
            return type != null && type.matches(MediaType.APPLICATION_JSON_TYPE)
                    && type.getCharset().map(charset -> charset.equals(StandardCharsets.UTF_8)).orElse(true);
        } catch (IllegalArgumentException e) {
            return false; // an unknown or malformed charset
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
