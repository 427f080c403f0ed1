package io.playerbase.bootstrap.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.UriRouteInfo;
import io.playerbase.adapters.rest.error.Problem;
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters an operator watches, read from the API's answers (so they count exactly what clients saw):
 * <ul>
 *   <li>{@code playerbase.security.refusals{route, method, reason}}: 401/403 of the security layer or a
 *       controller ({@code missing-credentials}, {@code invalid-credentials}, {@code forbidden}, or the
 *       problem type a controller gave);</li>
 *   <li>{@code playerbase.rate_limit.refusals{route, method}}: 429 {@code too-many-requests};</li>
 *   <li>{@code playerbase.idempotency.replays{route, method}}: answers replayed from an Idempotency-Key;</li>
 *   <li>{@code playerbase.dutch.matches.reported{outcome}}: match reports, {@code applied} (a repeat of the
 *       same report included) or the problem type that rejected them;</li>
 *   <li>{@code playerbase.wallet.operations{kind, outcome}}: staff credits, debits and reversals,
 *       {@code ok} or the problem type.</li>
 * </ul>
 * Routes are URI templates, as in {@code http.server.requests} (the swagger annotations, operationIds
 * included, do not survive to run time).
 */
@ServerFilter("/api/**")
final class OperationMetricsFilter implements Ordered {

    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"urn:playerbase:problem:([a-z0-9-]+)\"");
    private static final String MATCHES = "/api/v1/games/dutch/matches";
    private static final Map<String, String> WALLET_KINDS = Map.of("/api/v1/admin/users/{id}/wallet/credits", "credit",
            "/api/v1/admin/users/{id}/wallet/debits", "debit", "/api/v1/admin/users/{id}/wallet/reversals", "reversal");

    private final MeterRegistry meters;

    OperationMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @ResponseFilter
    void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        String template = route.filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toPathString()).orElse("unmatched");
        String method = request.getMethodName();
        int status = response.code();
        String problem = problemType(response);
        // The security layer's 401 (problem type unauthenticated, or no body yet) is told apart: a request
        // without credentials, or with credentials that do not authenticate.
        if (status == 401 && (problem == null || "unauthenticated".equals(problem))) {
            problem = request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? "invalid-credentials" : "missing-credentials";
        } else if (problem == null && status == 403) {
            problem = "forbidden";
        }
        if (status == 401 || status == 403) {
            meters.counter("playerbase.security.refusals", "route", template, "method", method, "reason", problem)
                    .increment();
        }
        if ("too-many-requests".equals(problem)) {
            meters.counter("playerbase.rate_limit.refusals", "route", template, "method", method).increment();
        }
        if ("true".equals(response.getHeaders().get(IdempotentRequests.REPLAYED))) {
            meters.counter("playerbase.idempotency.replays", "route", template, "method", method).increment();
        }
        String outcome = status / 100 == 2 ? null : (problem == null ? String.valueOf(status) : problem);
        if (MATCHES.equals(template) && "POST".equals(method)) {
            meters.counter("playerbase.dutch.matches.reported", "outcome", outcome == null ? "applied" : outcome).increment();
        }
        String kind = "POST".equals(method) ? WALLET_KINDS.get(template) : null;
        if (kind != null) {
            meters.counter("playerbase.wallet.operations", "kind", kind, "outcome", outcome == null ? "ok" : outcome)
                    .increment();
        }
    }

    /** Outside the security filter, so that its refusals pass through here too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
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
