package io.playerbase.bootstrap.openapi;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test-only: hands every {@code /api/} exchange of every end-to-end test to {@link OpenApiConformance}.
 * Outermost, so that it sees the response the client gets (problems of the security layer included).
 * The request body is checked as the controller bound it (the raw bytes are consumed by then), written
 * back as JSON: that catches a document stricter or looser than the records, not a lenient parser.
 */
@ServerFilter("/api/**")
final class OpenApiConformanceFilter implements Ordered {

    private final JsonMapper json;

    OpenApiConformanceFilter(JsonMapper json) {
        this.json = json;
    }

    @ResponseFilter
    void check(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getBody().orElse(null) instanceof StreamedFile streamed) {
            // A streamed body (the personal-data export) is read here, in tests only, so it can be checked
            // too; the client gets the same bytes.
            try (InputStream in = streamed.getInputStream()) {
                ((MutableHttpResponse<Object>) response).body(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, List<String>> query = new TreeMap<>();
        request.getParameters().forEach((name, values) -> query.put(name, values));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "Idempotency-Key")) {
            List<String> values = request.getHeaders().getAll(name);
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        OpenApiConformance.record(new OpenApiConformance.Exchange(request.getMethodName(), request.getPath(), query,
                headers, text(request.getBody()), response.code(),
                response.getContentType().map(MediaType::toString).orElse(null), text(response.getBody())));
    }

    private String text(Optional<?> body) {
        if (body.isEmpty()) {
            return null;
        }
        Object value = body.get();
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
