package io.playerbase.adapters.rest.subscription;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;
import io.playerbase.adapters.rest.subscription.SubscriptionRequests.GrantPremiumRequest;
import io.playerbase.adapters.rest.subscription.SubscriptionRequests.RevokePremiumRequest;
import io.playerbase.adapters.rest.subscription.SubscriptionResponses.SubscriptionDetailsResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestValues;
import io.playerbase.application.subscription.port.in.GrantPremiumUseCase;
import io.playerbase.application.subscription.port.in.RevokePremiumUseCase;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;

/**
 * A player's premium for staff: support and admins read it with every store subscription's history;
 * admins grant premium by hand and revoke those grants (never a store's subscription, which the store
 * ends), with a reason and an {@code Idempotency-Key}, audited.
 */
@Controller("/api/v1/admin/users/{id}/subscription")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "subscription (staff)")
@SecurityRequirement(name = "bearer")
class AdminSubscriptionController {

    private final SubscriptionQueries queries;
    private final GrantPremiumUseCase grants;
    private final RevokePremiumUseCase revocations;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    AdminSubscriptionController(SubscriptionQueries queries, GrantPremiumUseCase grants, RevokePremiumUseCase revocations,
                                IdempotentRequests idempotency, Clock clock) {
        this.queries = queries;
        this.grants = grants;
        this.revocations = revocations;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Get
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getUserSubscription", summary = "A player's premium, store subscriptions with history, and grants")
    SubscriptionDetailsResponse subscription(@PathVariable String id) {
        return SubscriptionDetailsResponse.of(queries.details(new UserId(id)));
    }

    @Post("/grants")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The player's premium with the new grant (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = SubscriptionDetailsResponse.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, subscription-busy",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, account-deleted",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "grantPremium",
            summary = "Grant premium by hand until expires_at",
            description = "Requires Idempotency-Key. {reason, expires_at}: a reason code and an end in the next five years. "
                    + "Adds premium; a store subscription is neither changed nor hidden.")
    HttpResponse<?> grant(@PathVariable String id, @Body @Valid GrantPremiumRequest body, Authentication authentication,
                          HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        var command = GrantPremiumUseCase.Command.of(new UserId(id), body.reason(),
                RequestValues.instant("expires_at", body.expiresAt()), Principals.staff(authentication, request), clock.instant());
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> SubscriptionDetailsResponse.of(grants.grant(command)));
    }

    @Post("/revocations")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The player's premium without its manual grants (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = SubscriptionDetailsResponse.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, subscription-busy",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, no-active-grant",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "revokePremium",
            summary = "End the manual premium grants",
            description = "Requires Idempotency-Key. {reason}. Ends every active manual grant; premium from a store is "
                    + "the store's (a refund there ends it here). 422 no-active-grant when there is none.")
    HttpResponse<?> revoke(@PathVariable String id, @Body @Valid RevokePremiumRequest body, Authentication authentication,
                           HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        var command = new RevokePremiumUseCase.Command(new UserId(id), body.reason(), Principals.staff(authentication, request));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> SubscriptionDetailsResponse.of(revocations.revoke(command)));
    }
}
