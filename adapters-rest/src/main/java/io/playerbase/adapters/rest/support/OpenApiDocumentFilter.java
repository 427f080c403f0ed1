package io.playerbase.adapters.rest.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the OpenAPI document as {@code application/yaml} (RFC 9512): the static-resource handler
 * knows no type for {@code .yml} and would say {@code text/plain}, which client tooling refuses.
 */
@ServerFilter("/swagger/*.yml")
final class OpenApiDocumentFilter {

    static final MediaType APPLICATION_YAML = MediaType.of("application/yaml");

    @ResponseFilter
    void yaml(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.OK) {
            response.contentType(APPLICATION_YAML);
        }
    }
}
