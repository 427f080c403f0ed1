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
import io.playerbase.adapters.rest.admin.AdminResponses.AuditEntryPage;
import io.playerbase.adapters.rest.admin.AdminResponses.UserSummaryPage;
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.admin.AdminRequests.RepairUserRequest;
import io.playerbase.adapters.rest.user.UserResponse;
import io.playerbase.adapters.rest.support.RequestValues;
import io.playerbase.application.user.port.in.AdminUserQueries;
import io.playerbase.application.user.port.in.ChangeRolesUseCase;
import io.playerbase.application.user.port.in.ClearUnreadableFieldsUseCase;
import io.playerbase.application.user.port.in.ReinstateUserUseCase;
import io.playerbase.application.user.port.in.SuspendUserUseCase;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.Set;

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
    private final ClearUnreadableFieldsUseCase clearUnreadable;

    AdminUserController(AdminUserQueries queries, SuspendUserUseCase suspend, ReinstateUserUseCase reinstate,
                        ChangeRolesUseCase changeRoles, ClearUnreadableFieldsUseCase clearUnreadable) {
        this.queries = queries;
        this.suspend = suspend;
        this.reinstate = reinstate;
        this.changeRoles = changeRoles;
        this.clearUnreadable = clearUnreadable;
    }

    @Get
    @ApiErrors.Authenticated
    @Operation(operationId = "listUsers", summary = "List users (support, admin)", description = "Newest first. email and username match exactly "
            + "(case and spacing aside); status is active, suspended or deleted; limit 1-200 (default 50); "
            + "pass next_cursor back as cursor for the next page.")
    UserSummaryPage list(@QueryValue @Nullable String email, @QueryValue @Nullable String username,
                         @QueryValue @Nullable String status,
                         @QueryValue("is_comp_player") @Nullable @Schema(type = "boolean") String compPlayer,
                         @QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit) {
        return UserSummaryPage.of(queries.list(new AdminUserQueries.ListQuery(email, username, status,
                RequestValues.bool("is_comp_player", compPlayer, null), PageRequest.of(cursor, limit))));
    }

    @Get("/{id}")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getUser", summary = "Read an account in full (support, admin)")
    UserResponse get(@PathVariable String id) {
        return UserResponse.of(queries.byId(new UserId(id)));
    }

    @Get("/{id}/audit")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "listUserAudit", summary = "An account's audit history, newest first (support, admin)")
    AuditEntryPage audit(@PathVariable String id, @QueryValue @Nullable String cursor,
                         @QueryValue @Nullable Integer limit) {
        return AuditEntryPage.of(queries.audit(new UserId(id), PageRequest.of(cursor, limit)));
    }

    @Post("/{id}/suspend")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "cannot-suspend-self",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "suspendUser", summary = "Suspend an account (admin)", description = "It cannot log in or refresh, and its tokens stop "
            + "working with the next request. Idempotent; 422 cannot-suspend-self.")
    UserResponse suspend(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        return UserResponse.of(suspend.suspend(new SuspendUserUseCase.Command(new UserId(id),
                Principals.staff(authentication, request))));
    }

    @Post("/{id}/reinstate")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "reinstateUser", summary = "Lift a suspension (admin)", description = "Idempotent.")
    UserResponse reinstate(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        return UserResponse.of(reinstate.reinstate(new ReinstateUserUseCase.Command(new UserId(id),
                Principals.staff(authentication, request))));
    }

    @Put("/{id}/roles")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "cannot-change-own-roles, computer-player",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "setUserRoles", summary = "Set an account's staff roles (admin)", description = "{\"roles\": [\"support\"]}; player always "
            + "stays. Effective with the account's next request. 422 cannot-change-own-roles.")
    UserResponse roles(@PathVariable String id, @Body @Valid ChangeRolesRequest body, Authentication authentication,
                       HttpRequest<?> request) {
        return UserResponse.of(changeRoles.change(new ChangeRolesUseCase.Command(new UserId(id), body.roles(),
                Principals.staff(authentication, request))));
    }

    @Post("/{id}/repair")
    @Secured("admin")
    @Operation(operationId = "repairUser", summary = "Clear personal fields stored unreadably (admin)",
            description = "{\"clear_fields\": [\"address\"]}: a field whose stored value cannot be read (corrupt or "
                    + "foreign ciphertext, wrong type; listed in unreadable_fields of the account) is cleared, so the "
                    + "account reads again; audited as user.unreadable_fields_cleared. Only phone and address.")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The account after the repair")
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "field-readable, field-not-clearable, account-deleted: nothing to repair, a field that cannot be cleared, an erased account",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    UserResponse repair(@PathVariable String id, @Body @Valid RepairUserRequest body, Authentication authentication,
                        HttpRequest<?> request) {
        return UserResponse.of(clearUnreadable.clear(new ClearUnreadableFieldsUseCase.Command(new UserId(id),
                Set.copyOf(body.clearFields()), Principals.staff(authentication, request))));
    }
}
