package io.playerbase.bootstrap.openapi;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every operation of the API document follows, checked against the routes the running
 * service really has, so that an endpoint added later without its documentation fails here: it is in
 * the document with a stable operationId, the security schemes its {@code @Secured} rule implies, its
 * error responses as problem+json naming their types, and the Idempotency-Key header where it is
 * needed. The document itself must parse without a single message from swagger-parser.
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
class OpenApiDocumentTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Router router;

    private final OpenApiDocument document = OpenApiDocument.get();

    @Test
    void isServedAsYamlAndParsesWithoutMessages() {
        HttpResponse<String> served = http.toBlocking().exchange(HttpRequest.GET("/swagger/playerbase-v1.yml"), String.class);
        assertEquals("application/yaml", served.getContentType().orElseThrow().getName());
        OpenApiDocument parsed = OpenApiDocument.of(served.body());
        assertEquals(List.of(), parsed.parsed.getMessages(), "swagger-parser's messages");
        assertEquals("3.0.1", parsed.parsed.getOpenAPI().getOpenapi());
        assertEquals(document.yaml, served.body(), "the served document is the generated one");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = apiRoutes().stream().map(r -> r.getHttpMethodName() + " " + template(r))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        document.resolved.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method + " " + path)));
        assertEquals(routes, documented);
    }

    @Test
    void everyOperationHasAStableMeaningfulOperationId() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        forEachOperation((name, operation) -> {
            String id = operation.getOperationId();
            if (id == null || !id.matches("[a-z]+(?:[A-Z][a-z0-9]*)+")) {
                problems.add(name + ": operationId " + id + " is not a verbNoun camelCase name");
            }
            if (!seen.add(String.valueOf(id))) {
                problems.add(name + ": operationId " + id + " is used twice");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void securityMatchesTheSecuredRuleOfEveryRoute() {
        List<String> problems = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            Operation operation = document.operation(route.getHttpMethodName(), template(route));
            List<String> secured = List.of(route.getAnnotationMetadata().stringValues(Secured.class));
            Set<String> expected = new TreeSet<>();
            if (!secured.contains(SecurityRule.IS_ANONYMOUS)) {
                secured.forEach(role -> expected.add(role.contains(":") ? "apiKey" : "bearer"));
            }
            Set<String> declared = new TreeSet<>();
            if (operation != null && operation.getSecurity() != null) {
                operation.getSecurity().forEach(requirement -> declared.addAll(requirement.keySet()));
            }
            if (!expected.equals(declared)) {
                problems.add(route.getHttpMethodName() + " " + template(route) + ": @Secured" + secured
                        + " needs security " + expected + ", the document says " + declared);
            }
            if (operation != null && operation.getSecurity() != null && operation.getSecurity().stream()
                    .anyMatch(requirement -> requirement.size() != 1)) {
                problems.add(template(route) + ": each scheme is an alternative of its own");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("bearer", "apiKey"), document.resolved.getComponents().getSecuritySchemes().keySet());
    }

    @Test
    void everyOperationDocumentsItsErrorsAsProblemsNamingTheirTypes() {
        List<String> problems = new ArrayList<>();
        forEachOperation((name, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            boolean anonymous = operation.getSecurity() == null || operation.getSecurity().isEmpty();
            Set<String> required = new TreeSet<>(Set.of("400", "503"));
            if (!anonymous) {
                required.addAll(Set.of("401", "403"));
            }
            if (operation.getRequestBody() != null) {
                required.addAll(Set.of("413", "415"));
            }
            if (!responses.keySet().containsAll(required)) {
                problems.add(name + ": documents " + responses.keySet() + ", needs at least " + required);
            }
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + ": no success response");
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("2")) {
                    return;
                }
                Map<String, MediaType> content = response.getContent();
                if (content == null || !content.keySet().equals(Set.of("application/problem+json"))) {
                    problems.add(name + " " + code + ": content must be application/problem+json only");
                } else if (!isProblem(content.get("application/problem+json"))) {
                    problems.add(name + " " + code + ": schema must be the Problem schema");
                }
                if (OpenApiDocument.problemTypes(response).isEmpty()) {
                    problems.add(name + " " + code + ": the description must start with the problem types, got '"
                            + response.getDescription() + "'");
                }
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theIdempotencyKeyIsARequiredHeaderWithItsErrors() {
        List<String> problems = new ArrayList<>();
        int withKey = 0;
        for (Map.Entry<String, Operation> entry : operations().entrySet()) {
            Operation operation = entry.getValue();
            List<Parameter> keys = operation.getParameters() == null ? List.of() : operation.getParameters().stream()
                    .filter(parameter -> "Idempotency-Key".equals(parameter.getName())).toList();
            if (keys.isEmpty()) {
                continue;
            }
            withKey++;
            Parameter key = keys.get(0);
            if (!"header".equals(key.getIn()) || !Boolean.TRUE.equals(key.getRequired())
                    || !"string".equals(key.getSchema().getType()) || key.getSchema().getMaxLength() != 255) {
                problems.add(entry.getKey() + ": Idempotency-Key must be a required string header of at most 255");
            }
            if (!types(operation, "409").contains("idempotency-key-in-use")
                    || !types(operation, "422").contains("idempotency-key-reused")
                    || !types(operation, "400").contains("idempotency-key-missing")) {
                problems.add(entry.getKey() + ": needs idempotency-key-missing (400), -in-use (409), -reused (422)");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(withKey >= 3, "credits, debits and reversals take the key");
    }

    @Test
    void schemaNamesArePlain() {
        List<String> bad = document.parsed.getOpenAPI().getComponents().getSchemas().keySet().stream()
                .filter(name -> !name.matches("[A-Z][A-Za-z0-9]*")).toList();
        assertEquals(List.of(), bad, "schema names without Java nesting or generics");
    }

    /** Resolved, the Problem schema is inlined: recognise it by its RFC 9457 members. */
    private static boolean isProblem(MediaType media) {
        var properties = media.getSchema() == null ? null : media.getSchema().getProperties();
        return properties != null && properties.keySet().containsAll(Set.of("type", "title", "status", "detail"));
    }

    private List<String> types(Operation operation, String code) {
        ApiResponse response = operation.getResponses().get(code);
        return response == null ? List.of() : OpenApiDocument.problemTypes(response);
    }

    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new TreeMap<>();
        document.resolved.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method + " " + path, operation)));
        return operations;
    }

    private void forEachOperation(BiConsumer<String, Operation> check) {
        operations().forEach(check);
    }

    /** The API's routes; HEAD is the framework's automatic twin of each GET. */
    private List<UriRouteInfo<?, ?>> apiRoutes() {
        return router.uriRoutes().<UriRouteInfo<?, ?>>map(route -> route)
                .filter(route -> template(route).startsWith("/api/") && route.getHttpMethod() != HttpMethod.HEAD)
                .toList();
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toPathString();
    }
}
