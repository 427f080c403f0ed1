package io.playerbase.adapters.rest.compplayer;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.application.compplayer.port.in.AddCompPlayerUseCase;
import io.playerbase.application.compplayer.port.in.ChangeCompPlayerStatusUseCase;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Admins manage the computer players. */
@Controller("/api/v1/admin/comp-players")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
class AdminCompPlayerController {

    private final AddCompPlayerUseCase add;
    private final ChangeCompPlayerStatusUseCase changeStatus;

    AdminCompPlayerController(AddCompPlayerUseCase add, ChangeCompPlayerStatusUseCase changeStatus) {
        this.add = add;
        this.changeStatus = changeStatus;
    }

    @Post
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "201", description = "The new computer player",
            content = @Content(schema = @Schema(implementation = AdminCompPlayerResponse.class)))
    @ApiResponse(responseCode = "409", description = "username-taken",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "addCompPlayer", summary = "Add a computer player", description = "201; email <username>@cp.com, a random password, "
            + "1000 coins; 409 username-taken.")
    HttpResponse<AdminCompPlayerResponse> add(@Body @Valid AddCompPlayerRequest body, Authentication authentication,
                                              HttpRequest<?> request) {
        return HttpResponse.created(AdminCompPlayerResponse.of(add.add(
                new AddCompPlayerUseCase.Command(body.username(), admin(authentication, request)))));
    }

    @Post("/{userId}/suspend")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "404", description = "comp-player-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "suspendCompPlayer", summary = "Suspend a computer player", description = "No longer picked for tables nor accepted in match reports.")
    AdminCompPlayerResponse suspend(@PathVariable String userId, Authentication authentication, HttpRequest<?> request) {
        return AdminCompPlayerResponse.of(changeStatus.change(
                new ChangeCompPlayerStatusUseCase.Command(new UserId(userId), false, admin(authentication, request))));
    }

    @Post("/{userId}/reinstate")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "404", description = "comp-player-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "stale-version",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "reinstateCompPlayer", summary = "Reinstate a suspended computer player")
    AdminCompPlayerResponse reinstate(@PathVariable String userId, Authentication authentication, HttpRequest<?> request) {
        return AdminCompPlayerResponse.of(changeStatus.change(
                new ChangeCompPlayerStatusUseCase.Command(new UserId(userId), true, admin(authentication, request))));
    }

    private static Actor admin(Authentication authentication, HttpRequest<?> request) {
        return new Actor(authentication.getName(), Actor.ActorRole.ADMIN, RequestIds.of(request));
    }

    @Serdeable
    @Schema(name = "AddCompPlayerRequest")
    record AddCompPlayerRequest(@NotNull @Size(max = 64) String username) {
    }

    @Serdeable
    @Schema(name = "AdminCompPlayerResponse")
    record AdminCompPlayerResponse(String userId, String username, int level, String rank, String status) {
        static AdminCompPlayerResponse of(CompPlayerView view) {
            return new AdminCompPlayerResponse(view.userId(), view.username(), view.level(), view.rank(), view.status());
        }
    }
}
