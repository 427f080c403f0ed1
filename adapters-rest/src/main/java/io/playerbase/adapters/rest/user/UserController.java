package io.playerbase.adapters.rest.user;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.adapters.rest.user.UserRequests.ChangePasswordRequest;
import io.playerbase.adapters.rest.user.UserRequests.DeleteAccountRequest;
import io.playerbase.adapters.rest.user.UserRequests.UpdateProfileRequest;
import io.playerbase.application.user.port.in.ChangePasswordUseCase;
import io.playerbase.application.user.port.in.DeleteAccountUseCase;
import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.user.port.in.UserQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** The caller's own account. A player token only ever reaches its own subject's data. */
@Controller("/api/v1/users/me")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
class UserController {

    private final UserQueries queries;
    private final UpdateProfileUseCase updateProfile;
    private final ChangePasswordUseCase changePassword;
    private final DeleteAccountUseCase deleteAccount;

    UserController(UserQueries queries, UpdateProfileUseCase updateProfile, ChangePasswordUseCase changePassword,
                   DeleteAccountUseCase deleteAccount) {
        this.queries = queries;
        this.updateProfile = updateProfile;
        this.changePassword = changePassword;
        this.deleteAccount = deleteAccount;
    }

    @Get
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getMyAccount", summary = "Read my account")
    UserResponse me(Authentication authentication) {
        return UserResponse.of(queries.byId(new UserId(authentication.getName())));
    }

    @Patch
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "username-taken, stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "updateMyProfile", summary = "Change my username, phone or address")
    UserResponse update(@Body @Valid UpdateProfileRequest body, Authentication authentication, HttpRequest<?> request) {
        UserId me = new UserId(authentication.getName());
        return UserResponse.of(updateProfile.update(new UpdateProfileUseCase.Command(me, body.username(),
                body.phone(), body.address(), Actor.player(me, RequestIds.of(request)))));
    }

    @Delete
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "204", description = "Erased")
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "wrong-password",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "deleteMyAccount", summary = "Erase my account", description = "204. Needs the password. Personal data becomes unreadable "
            + "(the account's data key is destroyed), email and username can be registered again, statistics stay "
            + "under an anonymous name, the ledger stays for accounting.")
    HttpResponse<Void> delete(@Body @Valid DeleteAccountRequest body, Authentication authentication, HttpRequest<?> request) {
        UserId me = new UserId(authentication.getName());
        deleteAccount.delete(new DeleteAccountUseCase.Command(me, body.password(), Actor.player(me, RequestIds.of(request))));
        return HttpResponse.noContent();
    }

    @Post("/password")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "wrong-current-password",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "changeMyPassword", summary = "Change my password", description = "204; earlier refresh tokens stop working.")
    HttpResponse<Void> changePassword(@Body @Valid ChangePasswordRequest body, Authentication authentication,
                                      HttpRequest<?> request) {
        UserId me = new UserId(authentication.getName());
        changePassword.change(new ChangePasswordUseCase.Command(me, body.currentPassword(), body.newPassword(),
                Actor.player(me, RequestIds.of(request))));
        return HttpResponse.noContent();
    }
}
