package io.playerbase.bootstrap.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks real HTTP exchanges against the OpenAPI document: the response's status is documented for
 * the operation, its body matches the documented schema, a problem's {@code type} is one the
 * response names, and a request the service accepted (2xx) is valid by the document. Every
 * end-to-end test's traffic is recorded by {@link OpenApiConformanceFilter} and judged afterwards by
 * {@link OpenApiConformanceCheckTest}, off the request path: the validator's libraries are slow and log
 * every schema keyword at DEBUG, which must not change what the tests measure.
 */
final class OpenApiConformance {

    private static final String PROBLEM_PREFIX = "urn:playerbase:problem:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Queue<Exchange> RECORDED = new ConcurrentLinkedQueue<>();
    private static volatile OpenApiConformance shared;

    /** One exchange as the server saw it; bodies as JSON text, null when there is none. */
    record Exchange(String method, String path, Map<String, List<String>> query, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, String responseContentType, String responseBody) {
    }

    private final OpenApiDocument document;
    private final OpenApiInteractionValidator validator;

    OpenApiConformance(OpenApiDocument document) {
        this.document = document;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document.yaml).build();
    }

    static OpenApiConformance shared() {
        if (shared == null) {
            synchronized (OpenApiConformance.class) {
                if (shared == null) {
                    shared = new OpenApiConformance(OpenApiDocument.get());
                }
            }
        }
        return shared;
    }

    static void record(Exchange exchange) {
        RECORDED.add(exchange);
    }

    static long recorded() {
        return RECORDED.size();
    }

    /** The disagreements of every recorded exchange, each kind once; a checker that breaks is one too. */
    static List<String> violations() {
        Set<String> violations = new TreeSet<>();
        for (Exchange exchange : RECORDED) {
            try {
                violations.addAll(shared().check(exchange));
            } catch (RuntimeException | LinkageError e) {
                violations.add(exchange.method() + " " + exchange.path() + ": the checker failed: " + e);
            }
        }
        return List.copyOf(violations);
    }

    /** What is wrong with one exchange, as stable messages (no ids or values), empty when it conforms. */
    List<String> check(Exchange exchange) {
        String template = template(exchange.method(), exchange.path());
        // 404/405 on no documented operation is the router's answer to a path or method that does not exist.
        if (template == null) {
            return exchange.status() == 404 || exchange.status() == 405 ? List.of()
                    : List.of(exchange.method() + " " + exchange.path() + ": answered " + exchange.status()
                    + " but is not in the document");
        }
        String name = exchange.method() + " " + template + " " + exchange.status();
        // A 500 is a bug of its own (the fault-injection tests provoke some); it is never documented.
        if (exchange.status() == 500) {
            return List.of();
        }
        Operation operation = document.operation(exchange.method(), template);
        ApiResponse documented = operation.getResponses().get(String.valueOf(exchange.status()));
        if (documented == null) {
            return List.of(name + ": status not documented (" + problemType(exchange) + ")");
        }
        List<String> problems = new ArrayList<>();
        String type = problemType(exchange);
        if (type != null && !OpenApiDocument.problemTypes(documented).contains(type)) {
            problems.add(name + ": problem type " + type + " is not among " + OpenApiDocument.problemTypes(documented));
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        if (exchange.responseContentType() != null) {
            response.withContentType(exchange.responseContentType());
        }
        if (exchange.responseBody() != null) {
            response.withBody(exchange.responseBody());
        }
        report(name + " response", validator.validateResponse(template, method(exchange), response.build()), problems);
        if (exchange.status() / 100 == 2) {
            report(name + " request", validator.validateRequest(request(exchange)), problems);
        }
        return problems;
    }

    private static void report(String where, ValidationReport report, List<String> problems) {
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(where + ": " + message.getKey() + " " + message.getMessage()));
    }

    private static Request.Method method(Exchange exchange) {
        return Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
    }

    private static Request request(Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
        exchange.query().forEach(request::withQueryParam);
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static String problemType(Exchange exchange) {
        if (exchange.responseBody() == null || exchange.responseContentType() == null
                || !exchange.responseContentType().startsWith("application/problem+json")) {
            return null;
        }
        try {
            JsonNode type = JSON.readTree(exchange.responseBody()).get("type");
            return type == null ? null : type.asText().replace(PROBLEM_PREFIX, "");
        } catch (Exception e) {
            return "unparseable problem body";
        }
    }

    /** The documented path template a concrete path matches; literal segments win over parameters. */
    private String template(String method, String path) {
        return document.resolved.getPaths().keySet().stream()
                .filter(template -> path.matches(template.replaceAll("\\{[^/}]+}", "[^/]+")))
                .filter(template -> document.operation(method, template) != null)
                .min(Comparator.comparingLong(template -> template.chars().filter(c -> c == '{').count()))
                .orElse(null);
    }
}
