package io.playerbase.adapters.rest.dutchgame;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.playerbase.adapters.rest.dutchgame.DutchGameResponses.LeaderboardResponse;
import io.playerbase.adapters.rest.dutchgame.DutchGameResponses.MatchResponse;
import io.playerbase.adapters.rest.dutchgame.DutchGameResponses.PlayerStatsResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.adapters.rest.support.RequestValues;
import io.playerbase.application.dutchgame.port.in.DutchGameQueries;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.domain.dutchgame.LeaderboardOrder;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.shared.Actor;
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
 * Dutch statistics. Game servers (API keys with {@code matches:write}) report matches; stats and
 * leaderboards are public (usernames and counters only, nothing personal).
 */
@Controller("/api/v1/games/dutch")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dutch-game")
class DutchGameController {

    /** Roles that read any match; a game server reads the matches it reported. */
    private static final Set<String> STAFF = Set.of("support", "admin");

    private final ReportDutchMatchUseCase reportMatch;
    private final DutchGameQueries queries;

    DutchGameController(ReportDutchMatchUseCase reportMatch, DutchGameQueries queries) {
        this.reportMatch = reportMatch;
        this.queries = queries;
    }

    @Post("/matches")
    @Secured("matches:write")
    @SecurityRequirement(name = "apiKey")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "409", description = "match-in-flight, stats-contention",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "match-id-reused, unknown-player, inactive-player, insufficient-coins",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "reportMatch", summary = "Report a finished match", description = "Applied exactly once per match_id: a repeat of the "
            + "same report answers 200 with the same body and changes nothing; the same match_id with other content "
            + "is 422 match-id-reused. A player who is unknown or not active, or whose coins would go below zero, "
            + "rejects the whole report (422) and nothing changes for anyone.")
    MatchResponse report(@Body @Valid ReportMatchRequest body, Authentication authentication, HttpRequest<?> request) {
        Actor reporter = new Actor(authentication.getName(), Actor.ActorRole.GAME_SERVER, RequestIds.of(request));
        return MatchResponse.of(reportMatch.report(new ReportDutchMatchUseCase.Command(body.toReport(), reporter)));
    }

    @Get("/matches/{matchId}")
    @Secured({"matches:write", "support", "admin"})
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "bearer")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "match-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getMatch", summary = "Read a reported match", description = "The game server that reported it, support and admins; "
            + "404 for other game servers.")
    MatchResponse match(@PathVariable String matchId, Authentication authentication) {
        boolean staff = authentication.getRoles().stream().anyMatch(STAFF::contains);
        return MatchResponse.of(queries.match(new MatchId(matchId), authentication.getName(), staff));
    }

    @Get("/players/{userId}/stats")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ApiErrors.Anonymous
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getPlayerStats", summary = "A player's public Dutch statistics")
    PlayerStatsResponse stats(@PathVariable String userId) {
        return PlayerStatsResponse.of(queries.stats(new UserId(userId)));
    }

    @Get("/leaderboard")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ApiErrors.Anonymous
    @Operation(operationId = "getLeaderboard", summary = "A leaderboard page", description = "by points, wins or win_rate (descending; ties by user id); "
            + "continue with next_cursor. Computer players only with include_comp_players=true; by win_rate only "
            + "players with the configured minimum of matches.")
    LeaderboardResponse leaderboard(@QueryValue(defaultValue = "points") String by,
                                    @QueryValue(defaultValue = "20") int limit,
                                    @Nullable @QueryValue String cursor,
                                    @Nullable @QueryValue("include_comp_players") @Schema(type = "boolean") String includeCompPlayers) {
        return LeaderboardResponse.of(queries.leaderboard(LeaderboardOrder.fromWire(by),
                PageRequest.of(cursor, limit, queries.leaderboardPages()),
                RequestValues.bool("include_comp_players", includeCompPlayers, false)));
    }

    @Get("/leaderboard/around/{userId}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ApiErrors.Anonymous
    @ApiResponse(responseCode = "404", description = "user-not-found, not-on-leaderboard",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getLeaderboardAroundPlayer", summary = "A player's place on a leaderboard with their neighbours")
    LeaderboardResponse around(@PathVariable String userId, @QueryValue(defaultValue = "points") String by,
                               @QueryValue(defaultValue = "5") int radius,
                               @Nullable @QueryValue("include_comp_players") @Schema(type = "boolean") String includeCompPlayers) {
        return LeaderboardResponse.of(queries.around(new UserId(userId), LeaderboardOrder.fromWire(by), radius,
                RequestValues.bool("include_comp_players", includeCompPlayers, false)));
    }
}
