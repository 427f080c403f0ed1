package io.playerbase.bootstrap.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.UriRouteInfo;
import io.playerbase.adapters.rest.error.Problem;
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters an operator watches, read from the API's answers (so they count exactly what clients saw):
 * <ul>
 *   <li>{@code playerbase.security.refusals{route, method, reason}}: 401/403 of the security layer or a
 *       controller ({@code unauthenticated}, {@code forbidden});</li>
 *   <li>{@code playerbase.rate_limit.refusals{operation}}: 429 {@code too-many-requests};</li>
 *   <li>{@code playerbase.idempotency.replays{operation}}: answers replayed from an Idempotency-Key;</li>
 *   <li>{@code playerbase.dutch.matches.reported{outcome}}: match reports, {@code applied} (a repeat of the
 *       same report included) or the problem type that rejected them;</li>
 *   <li>{@code playerbase.wallet.operations{kind, outcome}}: staff credits, debits and reversals,
 *       {@code ok} or the problem type.</li>
 * </ul>
 * Operations are named by their OpenAPI operationId.
 */
@ServerFilter("/api/**")
final class OperationMetricsFilter {

    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"urn:playerbase:problem:([a-z0-9-]+)\"");
    private static final Map<String, String> WALLET_KINDS = Map.of("creditUserWallet", "credit",
            "debitUserWallet", "debit", "reverseUserTransaction", "reversal");

    private final MeterRegistry meters;

    OperationMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @ResponseFilter
    void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        String operation = route.flatMap(info -> info.getAnnotationMetadata().stringValue(Operation.class, "operationId"))
                .orElse("unknown");
        String problem = problemType(response);
        int status = response.code();
        if ((status == 401 || status == 403) && problem != null) {
            String template = route.filter(UriRouteInfo.class::isInstance)
                    .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toPathString()).orElse("unmatched");
            meters.counter("playerbase.security.refusals", "route", template, "method", request.getMethodName(),
                    "reason", problem).increment();
        }
        if ("too-many-requests".equals(problem)) {
            meters.counter("playerbase.rate_limit.refusals", "operation", operation).increment();
        }
        if ("true".equals(response.getHeaders().get(IdempotentRequests.REPLAYED))) {
            meters.counter("playerbase.idempotency.replays", "operation", operation).increment();
        }
        String outcome = status / 100 == 2 ? null : (problem == null ? String.valueOf(status) : problem);
        if ("reportMatch".equals(operation)) {
            meters.counter("playerbase.dutch.matches.reported", "outcome", outcome == null ? "applied" : outcome).increment();
        }
        String kind = WALLET_KINDS.get(operation);
        if (kind != null) {
            meters.counter("playerbase.wallet.operations", "kind", kind, "outcome", outcome == null ? "ok" : outcome)
                    .increment();
        }
    }

    /** The problem type code of an error answer; replayed answers carry their body as JSON text. */
    private static String problemType(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (body instanceof Problem problem) {
            return problem.type() == null ? null : problem.type().substring(problem.type().lastIndexOf(':') + 1);
        }
        if (body instanceof CharSequence text) {
            Matcher matcher = PROBLEM_TYPE.matcher(text);
            return matcher.find() ? matcher.group(1) : null;
        }
        return null;
    }
}
