package io.playerbase.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.adapters.rest.admin.AdminResponses.UserSummaryResponse;
import io.playerbase.adapters.rest.admin.AdminResponses.UserSummaryPage;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.domain.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * The staff listing with its criteria in the body instead of the query string, so an email or a
 * username looked up never lands in a URL (proxy and access logs, browser history); the console uses it.
 */
@Controller("/api/v1/admin/users/search")
@Secured({"support", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminUserSearchController {

    private final AdminUserQueries queries;

    AdminUserSearchController(AdminUserQueries queries) {
        this.queries = queries;
    }

    /** Every field optional; the same criteria as the GET listing. */
    @Serdeable
    record SearchUsersRequest(@Nullable @Size(max = 320) String email, @Nullable @Size(max = 64) String username,
                              @Nullable @Size(max = 16) String status, @Nullable Boolean isCompPlayer,
                              @Nullable @Size(max = 200) String cursor, @Nullable Integer limit) {
    }

    @Post
    @Operation(operationId = "searchUsers", summary = "Search users, criteria in the body (support, admin)",
            description = "Like GET /api/v1/admin/users: newest first, email and username match exactly (case and "
                    + "spacing aside), status active, suspended or deleted, is_comp_player, limit 1-200 (default 50), "
                    + "cursor from next_cursor. Reads only.")
    @ApiResponse(responseCode = "200", description = "a page of users")
    @ApiResponse(responseCode = "400", description = "malformed-request, invalid-value",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "forbidden: not support or admin",
            content = @Content(mediaType = "application/problem+json"))
    UserSummaryPage search(@Body @Valid SearchUsersRequest body) {
        return UserSummaryPage.of(queries.list(new AdminUserQueries.ListQuery(body.email(), body.username(), body.status(),
                body.isCompPlayer(), PageRequest.of(body.cursor(), body.limit()))));
    }
}
