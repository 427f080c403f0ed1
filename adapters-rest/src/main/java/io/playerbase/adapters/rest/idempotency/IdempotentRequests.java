package io.playerbase.adapters.rest.idempotency;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.error.Problem;
import io.playerbase.adapters.rest.error.ProblemResponses;
import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase;
import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase.Claim;
import io.playerbase.application.idempotency.port.in.RecordIdempotentResponseUseCase;
import io.playerbase.application.idempotency.port.in.ReleaseIdempotencyKeyUseCase;
import io.playerbase.domain.shared.DomainException;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.NotFound;
import io.playerbase.domain.shared.RuleViolation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for any POST that must not run twice (money moves, purchases, referrals):
 *
 * <pre>
 * String key = idempotency.requireKey(request);                       // 400 when missing or malformed
 * var command = …;                                                     // validate the body first (400s consume no key)
 * return idempotency.execute(request, authentication, key, body, HttpStatus.OK, () -> ….of(useCase.run(command)));
 * </pre>
 *
 * Keys are scoped per principal. The first request with a key runs and its response (status and
 * JSON body) is stored; the same key with the same request (method, path, body) gets that response
 * again, byte for byte, with {@code Idempotent-Replayed: true}; with another request, 422
 * {@code idempotency-key-reused}; while the first still runs, 409 {@code idempotency-key-in-use}.
 * Business outcomes (2xx, 404, 422) are stored; transient failures (409, 5xx) release the key so a
 * retry runs the request again.
 */
@Singleton
public final class IdempotentRequests {

    public static final String HEADER = ClaimIdempotencyKeyUseCase.HEADER;
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

    private final ClaimIdempotencyKeyUseCase claims;
    private final RecordIdempotentResponseUseCase responses;
    private final ReleaseIdempotencyKeyUseCase releases;
    private final JsonMapper json;

    IdempotentRequests(ClaimIdempotencyKeyUseCase claims, RecordIdempotentResponseUseCase responses,
                       ReleaseIdempotencyKeyUseCase releases, JsonMapper json) {
        this.claims = claims;
        this.responses = responses;
        this.releases = releases;
        this.json = json;
    }

    /** The request's key: 400 {@code idempotency-key-missing} without one, 400 {@code invalid-value} when malformed. */
    public String requireKey(HttpRequest<?> request) {
        return ClaimIdempotencyKeyUseCase.Command.requireValidKey(request.getHeaders().get(HEADER));
    }

    /**
     * Runs {@code action} at most once per (principal, key) and answers retries from the stored response.
     *
     * @param body   the parsed request body: its canonical JSON (with method and path) is the request's fingerprint
     * @param status the status of a successful response
     * @param action produces the response body; domain errors it throws become problem responses
     */
    public HttpResponse<?> execute(HttpRequest<?> request, Authentication principal, String key, Object body,
                                   HttpStatus status, Supplier<?> action) {
        String scope = principal.getName();
        String fingerprint = request.getMethodName() + " " + request.getPath() + "\n" + write(body);
        Claim claim = claims.claim(new ClaimIdempotencyKeyUseCase.Command(scope, key, fingerprint));
        if (claim instanceof Claim.Replay replay) {
            return HttpResponse.status(HttpStatus.valueOf(replay.status()))
                    .contentType(MediaType.of(replay.contentType()))
                    .header(REPLAYED, "true")
                    .body(replay.body());
        }
        String leaseId = ((Claim.Proceed) claim).leaseId();
        try {
            String result = write(action.get());
            store(scope, key, leaseId, status.getCode(), MediaType.APPLICATION_JSON, result);
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(result);
        } catch (DomainException e) {
            if (!isFinal(e)) {
                release(scope, key, leaseId);
                throw e;
            }
            MutableHttpResponse<Problem> problem = ProblemResponses.of(request, e);
            String result = write(problem.body());
            store(scope, key, leaseId, problem.status().getCode(), ProblemResponses.PROBLEM_JSON.toString(), result);
            return problem.contentType(ProblemResponses.PROBLEM_JSON).body(result);
        } catch (RuntimeException | Error e) {
            release(scope, key, leaseId);
            throw e;
        }
    }

    /** The answer to this request whatever happens later: stored. Conflicts and outages may pass: not stored. */
    private static boolean isFinal(DomainException e) {
        return e instanceof NotFound || e instanceof RuleViolation || e instanceof InvalidValue;
    }

    private void store(String scope, String key, String leaseId, int status, String contentType, String body) {
        try {
            responses.record(new RecordIdempotentResponseUseCase.Command(scope, key, leaseId, status, contentType, body));
        } catch (RuntimeException e) {
            // The request did run; a retry after the lease runs it again, which the use case answers
            // from its own operation id without moving money twice.
            LOG.warn("Response for idempotency key of {} not stored: {}", scope, e.getMessage());
        }
    }

    private void release(String scope, String key, String leaseId) {
        try {
            releases.release(new ReleaseIdempotencyKeyUseCase.Command(scope, key, leaseId));
        } catch (RuntimeException e) {
            LOG.warn("Idempotency key of {} not released (its lease runs out instead): {}", scope, e.getMessage());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
