package io.playerbase.bootstrap.openapi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conformance checker itself: it finds each kind of disagreement, and passes a conforming exchange. */
class OpenApiConformanceTest {

    private static final String PROBLEM = "application/problem+json";
    private final OpenApiConformance conformance = OpenApiConformance.shared();

    private static String problem(String code, int status) {
        return "{\"type\":\"urn:playerbase:problem:" + code + "\",\"title\":\"t\",\"status\":" + status + "}";
    }

    private List<String> check(String method, String path, String requestBody, int status, String contentType,
                               String responseBody) {
        return conformance.check(new OpenApiConformance.Exchange(method, path, Map.of(),
                Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer x")),
                requestBody, status, contentType, responseBody));
    }

    @Test
    void aDocumentedProblemPasses() {
        assertEquals(List.of(), check("POST", "/api/v1/auth/register", "{}", 409, PROBLEM, problem("email-taken", 409)));
    }

    @Test
    void aProblemTypeTheResponseDoesNotNameIsFound() {
        List<String> found = check("POST", "/api/v1/auth/register", "{}", 409, PROBLEM, problem("wallet-busy", 409));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("wallet-busy"));
    }

    @Test
    void anUndocumentedStatusIsFound() {
        List<String> found = check("GET", "/api/v1/users/me", null, 418, PROBLEM, problem("teapot", 418));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("GET /api/v1/users/me 418: status not documented"), found.get(0));
    }

    @Test
    void aResponseBodyThatIsNotTheSchemaIsFound() {
        List<String> found = check("GET", "/api/v1/users/me/wallet", null, 200, "application/json",
                "{\"balance\":\"12\",\"currency\":\"CREDITS\",\"updated_at\":null}");
        assertTrue(found.stream().anyMatch(message -> message.contains("response")), found.toString());
    }

    @Test
    void anAcceptedRequestTheDocumentCallsInvalidIsFound() {
        String user = "{\"id\":\"a\",\"email\":\"a@example.com\",\"username\":\"ann\",\"status\":\"active\","
                + "\"is_comp_player\":false,\"roles\":[\"player\"],\"phone\":null,\"address\":null,\"modules\":{},"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
        assertEquals(List.of(), check("PATCH", "/api/v1/users/me", "{\"phone\":\"1\"}", 200, "application/json", user));
        List<String> found = check("PATCH", "/api/v1/users/me", "{\"username\":5}", 200, "application/json", user);
        assertTrue(found.stream().anyMatch(message -> message.contains("request")), found.toString());
    }

    @Test
    void aPathThatIsNotDocumentedIsFoundUnlessTheRouterSaidNotFound() {
        assertEquals(List.of(), check("GET", "/api/v1/nothing-here", null, 404, PROBLEM, problem("not-found", 404)));
        assertEquals(1, check("GET", "/api/v1/nothing-here", null, 200, "application/json", "{}").size());
    }
}
