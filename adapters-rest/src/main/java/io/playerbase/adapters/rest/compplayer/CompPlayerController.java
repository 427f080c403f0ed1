package io.playerbase.adapters.rest.compplayer;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.compplayer.port.in.CompPlayerView;
import io.playerbase.application.compplayer.port.in.PickCompPlayersUseCase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Computer players for game servers (API keys with {@code comp-players:read}). */
@Controller("/api/v1/games/dutch/comp-players")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dutch-game")
@SecurityRequirement(name = "apiKey")
class CompPlayerController {

    private final PickCompPlayersUseCase pick;

    CompPlayerController(PickCompPlayersUseCase pick) {
        this.pick = pick;
    }

    @Get
    @Secured("comp-players:read")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "422", description = "not-enough-comp-players",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "pickCompPlayers", summary = "Computer players to fill a table", description = "count (1-8) distinct active computer "
            + "players, least recently picked first; 422 not-enough-comp-players (saying how many exist) when "
            + "more are asked for than exist.")
    CompPlayersResponse pick(@QueryValue int count) {
        return new CompPlayersResponse(pick.pick(new PickCompPlayersUseCase.Command(count)).stream()
                .map(CompPlayerResponse::of).toList());
    }

    @Serdeable
    @Schema(name = "CompPlayersResponse")
    record CompPlayersResponse(List<CompPlayerResponse> compPlayers) {
    }

    @Serdeable
    @Schema(name = "CompPlayerResponse")
    record CompPlayerResponse(String userId, String username, int level, String rank) {
        static CompPlayerResponse of(CompPlayerView view) {
            return new CompPlayerResponse(view.userId(), view.username(), view.level(), view.rank());
        }
    }
}
