package io.playerbase.adapters.rest.subscription;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.subscription.SubscriptionResponses.SubscriptionResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own premium subscription: status and premium as of this request (docs/subscriptions.md). */
@Controller("/api/v1/users/me/subscription")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "subscription")
@SecurityRequirement(name = "bearer")
class SubscriptionController {

    private final SubscriptionQueries queries;

    SubscriptionController(SubscriptionQueries queries) {
        this.queries = queries;
    }

    @Get
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getMySubscription", summary = "My subscription and premium",
            description = "plan, status (none, active, grace, on_hold, paused, cancelled, expired: at this instant), premium "
                    + "(from a store or a manual grant), expires_at, grace_until, auto_renew, store.")
    SubscriptionResponse subscription(Authentication authentication) {
        return SubscriptionResponse.of(queries.subscription(new UserId(authentication.getName())));
    }
}
