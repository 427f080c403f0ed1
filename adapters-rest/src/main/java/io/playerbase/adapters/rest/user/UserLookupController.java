package io.playerbase.adapters.rest.user;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.subscription.port.in.SubscriptionQueries;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Another account seen from a game server (scope {@code users:read}) or staff: id, username, status,
 * whether it is a computer player and whether it has premium now; no personal data. Players use {@code /users/me}; a player token here
 * is 403, so a player never reaches someone else's account.
 */
@Controller("/api/v1/users")
@Secured({"users:read", "support", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class UserLookupController {

    private final AdminUserQueries queries;
    private final SubscriptionQueries subscriptions;

    UserLookupController(AdminUserQueries queries, SubscriptionQueries subscriptions) {
        this.queries = queries;
        this.subscriptions = subscriptions;
    }

    @Get("/{id}")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getPlayerProfile", summary = "Look a player up by id (API key with users:read, support, admin)",
            description = "premium: whether the player has premium at this instant, from a store subscription or a manual grant.")
    PlayerProfileResponse get(@PathVariable String id) {
        UserId userId = new UserId(id);
        return PlayerProfileResponse.of(queries.profile(userId), subscriptions.premium(userId));
    }
}
