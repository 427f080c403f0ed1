package io.playerbase.adapters.rest.error;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.playerbase.adapters.rest.support.RequestIds;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders every error the framework produces itself (malformed JSON, unknown or missing fields,
 * validation, unknown routes, wrong methods, oversized bodies, 401/403 from security, unexpected
 * exceptions) as problem+json. Details are rewritten so no class names or stack traces leak.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private static final String UNKNOWN_PROPERTY = "Unknown property [";

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context,
                                                        @NonNull MutableHttpResponse<?> baseResponse) {
        HttpStatus status = tooLong(context.getRequest(), baseResponse.getStatus());
        List<Problem.FieldProblem> errors = status == HttpStatus.BAD_REQUEST ? fieldProblems(context) : List.of();
        String detail = detail(status, errors);
        String code = code(status);
        Throwable cause = context.getRootCause().orElse(null);
        if (status == HttpStatus.BAD_REQUEST && argumentProblem(cause) != null) {
            // A path, query or header value the framework could not bind: the value is what is wrong.
            errors = List.of(argumentProblem(cause));
            code = "body".equals(errors.get(0).field()) ? "malformed-request" : "invalid-value";
            detail = errors.get(0).field() + " " + errors.get(0).message();
        }
        if (status == HttpStatus.BAD_REQUEST && cause instanceof URISyntaxException url) {
            // A URL the framework cannot even parse (a % not followed by two hex digits, a space…).
            detail = "The URL is not valid: " + url.getReason().toLowerCase(Locale.ROOT)
                    + (url.getIndex() >= 0 ? " at position " + url.getIndex() : "");
        }
        if (status.getCode() >= 500) {
            LOG.error("Request {} failed", RequestIds.of(context.getRequest()), cause);
        }
        MutableHttpResponse<Problem> response = ProblemResponses.of(context.getRequest(), status, code, detail, errors);
        baseResponse.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response;
    }

    /**
     * Netty answers a request line or header block over its limit (micronaut.server.netty.max-initial-line-length,
     * max-header-size) as "too large"; the client needs to know which part was.
     */
    private static HttpStatus tooLong(HttpRequest<?> request, HttpStatus status) {
        if (status != HttpStatus.REQUEST_ENTITY_TOO_LARGE || !(request instanceof NettyHttpRequest<?> netty)) {
            return status;
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        return cause instanceof TooLongHttpHeaderException ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : status;
    }

    /** A path variable, query value or header that could not be converted, or a required one that is missing. */
    private static Problem.FieldProblem argumentProblem(Throwable cause) {
        if (cause instanceof ConversionErrorException conversion) {
            return new Problem.FieldProblem(name(conversion.getArgument()), "is not a valid value of its type ("
                    + conversion.getArgument().getType().getSimpleName().toLowerCase(Locale.ROOT) + ")");
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            return new Problem.FieldProblem(name(unsatisfied.getArgument()), "is required");
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return new Problem.FieldProblem(name(unsatisfied.getArgument()), "is required");
        }
        return null;
    }

    private static String name(Argument<?> argument) {
        if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
            return "body";
        }
        return argument.getAnnotationMetadata().stringValue(QueryValue.class)
                .or(() -> argument.getAnnotationMetadata().stringValue(PathVariable.class))
                .or(() -> argument.getAnnotationMetadata().stringValue(Header.class))
                .filter(name -> !name.isEmpty())
                .orElseGet(() -> snakeCase(argument.getName()));
    }

    /** Bean-validation violations, and an unknown property named by the JSON binder, as field problems. */
    private static List<Problem.FieldProblem> fieldProblems(ErrorContext context) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        if (context.getRootCause().orElse(null) instanceof ConstraintViolationException violations) {
            for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
                String field = null;
                for (Path.Node node : violation.getPropertyPath()) {
                    field = node.getName();
                }
                errors.add(new Problem.FieldProblem(snakeCase(field), violation.getMessage()));
            }
            errors.sort(Comparator.comparing(Problem.FieldProblem::field));
            return errors;
        }
        for (Error error : context.getErrors()) {
            String unknown = unknownProperty(error.getMessage());
            if (unknown != null) {
                errors.add(new Problem.FieldProblem(unknown, "is not a known field"));
            }
        }
        return errors;
    }

    private static String unknownProperty(String message) {
        if (message == null) {
            return null;
        }
        int start = message.indexOf(UNKNOWN_PROPERTY);
        int end = start < 0 ? -1 : message.indexOf(']', start);
        return end < 0 ? null : message.substring(start + UNKNOWN_PROPERTY.length(), end);
    }

    static String snakeCase(String name) {
        return name == null ? "body" : ProblemResponses.fieldName(name);
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "payload-too-large";
            case REQUEST_URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "request-headers-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> status.getCode() >= 500 ? "internal-error" : "http-" + status.getCode();
        };
    }

    private static String detail(HttpStatus status, List<Problem.FieldProblem> errors) {
        return switch (status) {
            // The framework's own messages name Java types: the client gets only what tells it what to fix.
            case BAD_REQUEST -> errors.isEmpty() ? "The request is malformed (its URL, headers or body)"
                    : errors.size() == 1 && "is not a known field".equals(errors.get(0).message())
                    ? "Unknown field '" + errors.get(0).field() + "'" : "Some fields are invalid";
            case UNAUTHORIZED -> "Valid credentials are required: a bearer token, or an API key for services";
            case FORBIDDEN -> "You may not do this";
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
            case REQUEST_URI_TOO_LONG -> "The URL is too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
            default -> status.getCode() >= 500 ? "An unexpected error occurred; it has been logged" : status.getReason();
        };
    }
}
