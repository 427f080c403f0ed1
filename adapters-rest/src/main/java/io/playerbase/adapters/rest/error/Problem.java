package io.playerbase.adapters.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is a stable URN per error code (listed in docs/errors.md);
 * {@code errors} lists field-level problems; {@code request_id} ties the response to the logs.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldProblem> errors, String requestId) {

    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
