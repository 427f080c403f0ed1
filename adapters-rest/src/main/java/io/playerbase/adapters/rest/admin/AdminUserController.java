package io.playerbase.adapters.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.admin.AdminRequests.ChangeRolesRequest;
import io.playerbase.adapters.rest.admin.AdminResponses.AuditEntryResponse;
import io.playerbase.adapters.rest.admin.AdminResponses.UserSummaryResponse;
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.support.PageResponse;
import io.playerbase.adapters.rest.user.UserResponse;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.ReinstateUserUseCase;
import io.playerbase.application.user.port.in.SuspendUserUseCase;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Staff work on accounts. Support reads; admins read and change. Every change is audited with the
 * staff member as actor.
 */
@Controller("/api/v1/admin/users")
@Secured({"support", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminUserController {

    private final AdminUserQueries queries;
    private final SuspendUserUseCase suspend;
    private final ReinstateUserUseCase reinstate;
    private final ChangeRolesUseCase changeRoles;

    AdminUserController(AdminUserQueries queries, SuspendUserUseCase suspend, ReinstateUserUseCase reinstate,
                        ChangeRolesUseCase changeRoles) {
        this.queries = queries;
        this.suspend = suspend;
        this.reinstate = reinstate;
        this.changeRoles = changeRoles;
    }

    @Get
    @Operation(summary = "List users (support, admin)", description = "Newest first. email and username match exactly "
            + "(case and spacing aside); status is active, suspended or deleted; limit 1-200 (default 50); "
            + "pass next_cursor back as cursor for the next page.")
    PageResponse<UserSummaryResponse> list(@QueryValue @Nullable String email, @QueryValue @Nullable String username,
                                           @QueryValue @Nullable String status,
                                           @QueryValue("is_comp_player") @Nullable Boolean compPlayer,
                                           @QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit) {
        return PageResponse.of(queries.list(new AdminUserQueries.ListQuery(email, username, status, compPlayer,
                PageRequest.of(cursor, limit))), UserSummaryResponse::of);
    }

    @Get("/{id}")
    @Operation(summary = "Read an account in full (support, admin)")
    UserResponse get(@PathVariable String id) {
        return UserResponse.of(queries.byId(new UserId(id)));
    }

    @Get("/{id}/audit")
    @Operation(summary = "An account's audit history, newest first (support, admin)")
    PageResponse<AuditEntryResponse> audit(@PathVariable String id, @QueryValue @Nullable String cursor,
                                           @QueryValue @Nullable Integer limit) {
        return PageResponse.of(queries.audit(new UserId(id), PageRequest.of(cursor, limit)), AuditEntryResponse::of);
    }

    @Post("/{id}/suspend")
    @Secured("admin")
    @Operation(summary = "Suspend an account (admin)", description = "It cannot log in or refresh, and its tokens stop "
            + "working with the next request. Idempotent; 422 cannot-suspend-self.")
    UserResponse suspend(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        return UserResponse.of(suspend.suspend(new SuspendUserUseCase.Command(new UserId(id),
                Principals.staff(authentication, request))));
    }

    @Post("/{id}/reinstate")
    @Secured("admin")
    @Operation(summary = "Lift a suspension (admin)", description = "Idempotent.")
    UserResponse reinstate(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        return UserResponse.of(reinstate.reinstate(new ReinstateUserUseCase.Command(new UserId(id),
                Principals.staff(authentication, request))));
    }

    @Put("/{id}/roles")
    @Secured("admin")
    @Operation(summary = "Set an account's staff roles (admin)", description = "{\"roles\": [\"support\"]}; player always "
            + "stays. Effective with the account's next request. 422 cannot-change-own-roles.")
    UserResponse roles(@PathVariable String id, @Body @Valid ChangeRolesRequest body, Authentication authentication,
                       HttpRequest<?> request) {
        return UserResponse.of(changeRoles.change(new ChangeRolesUseCase.Command(new UserId(id), body.roles(),
                Principals.staff(authentication, request))));
    }
}
