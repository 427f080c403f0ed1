package io.playerbase.adapters.rest.support;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error responses every operation of a kind can give, for the OpenAPI document: one annotation
 * per operation instead of the same five {@link ApiResponse}s each time. The responses themselves
 * ({@code #/components/responses/…}) are in {@code src/main/openapi/components.yml}. Errors that
 * belong to one operation (404, 409, 422, 429) stay on it, naming their problem types.
 */
public final class ApiErrors {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM = "#/components/schemas/Problem";

    private ApiErrors() {
    }

    /** An operation anyone may call: bad input or an unavailable database. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    public @interface Anonymous {
    }

    /** An operation that needs credentials: also 401 without valid ones and 403 without the role or scope. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthenticated")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    public @interface Authenticated {
    }

    /**
     * A POST that must not run twice: its required {@code Idempotency-Key} header (see
     * {@code IdempotentRequests}), defined once in {@code components.yml} ({@code #/components/parameters/IdempotencyKey}).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    public @interface IdempotencyKey {
    }

    /** An operation with a JSON request body: too large, or not JSON. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    public @interface JsonBody {
    }
}
