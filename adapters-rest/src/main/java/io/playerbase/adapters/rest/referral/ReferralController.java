package io.playerbase.adapters.rest.referral;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.ratelimit.AccountRateLimits;
import io.playerbase.adapters.rest.referral.ReferralRequests.RedeemReferralCodeRequest;
import io.playerbase.adapters.rest.referral.ReferralResponses.LinkResponse;
import io.playerbase.adapters.rest.referral.ReferralResponses.MyReferralsResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.application.referral.port.in.RedeemReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralQueries;
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

/** The caller's own referrals (docs/referrals.md). */
@Controller("/api/v1/users/me")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "referrals")
@SecurityRequirement(name = "bearer")
class ReferralController {

    private final RedeemReferralCodeUseCase redeem;
    private final ReferralQueries queries;
    private final AccountRateLimits limits;

    ReferralController(RedeemReferralCodeUseCase redeem, ReferralQueries queries, AccountRateLimits limits) {
        this.redeem = redeem;
        this.queries = queries;
        this.limits = limits;
    }

    @Post("/referral")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The referral: the referrer's username, its state (pending until the "
            + "account qualifies it)", content = @Content(schema = @Schema(implementation = LinkResponse.class)))
    @ApiResponse(responseCode = "404", description = "referral-code-unknown, user-not-found: no account has this code",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "referral-already-redeemed, referral-window-closed, referral-own-code, "
            + "referral-code-disabled, referrer-computer-player, referrer-inactive: a rule forbids this redemption",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "redeemReferralCode", summary = "Redeem a referral code",
            description = "Once per account, within playerbase.referrals.redeem-window (14 days) of registration. Rewards "
                    + "come when the account qualifies the referral (a first Dutch match or a first verified purchase). "
                    + "Rate limited per account and address; an unknown code costs the same work as a known one.")
    LinkResponse redeem(@Body @Valid RedeemReferralCodeRequest body, Authentication authentication, HttpRequest<?> request) {
        UserId me = new UserId(authentication.getName());
        limits.redeemReferral(request, me.value());
        RedeemReferralCodeUseCase.Command command = RedeemReferralCodeUseCase.Command.of(me, body.code(),
                Actor.player(me, RequestIds.of(request)));
        return LinkResponse.asReferee(redeem.redeem(command));
    }

    @Get("/referrals")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getMyReferrals", summary = "My referral code, my referrer and the accounts I referred",
            description = "Other accounts appear by username only. `referred` is a page, newest first (limit 1-200, default 50).")
    MyReferralsResponse mine(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor,
                             Authentication authentication) {
        return MyReferralsResponse.of(queries.summary(new UserId(authentication.getName()), PageRequest.of(cursor, limit)));
    }
}
