package io.playerbase.adapters.rest.referral;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.playerbase.adapters.rest.auth.Principals;
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;
import io.playerbase.adapters.rest.referral.ReferralRequests.ReverseReferralRewardRequest;
import io.playerbase.adapters.rest.referral.ReferralResponses.StaffLinkResponse;
import io.playerbase.adapters.rest.referral.ReferralResponses.StaffReferralsResponse;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.application.referral.port.in.DisableReferralCodeUseCase;
import io.playerbase.application.referral.port.in.ReferralQueries;
import io.playerbase.application.referral.port.in.ReverseReferralRewardUseCase;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Staff access to referrals (docs/referrals.md): support and admins read, admins disable codes and reverse rewards. */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "referrals (staff)")
@SecurityRequirement(name = "bearer")
class AdminReferralController {

    private final ReferralQueries queries;
    private final DisableReferralCodeUseCase disable;
    private final ReverseReferralRewardUseCase reverse;
    private final IdempotentRequests idempotency;

    AdminReferralController(ReferralQueries queries, DisableReferralCodeUseCase disable, ReverseReferralRewardUseCase reverse,
                            IdempotentRequests idempotency) {
        this.queries = queries;
        this.disable = disable;
        this.reverse = reverse;
        this.idempotency = idempotency;
    }

    @Get("/users/{id}/referrals")
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getUserReferrals", summary = "A user's referral code and links",
            description = "Who referred the user and whom they referred (a page, newest first), with both sides' rewards.")
    StaffReferralsResponse referrals(@PathVariable String id, @QueryValue @Nullable Integer limit,
                                     @QueryValue @Nullable String cursor) {
        return StaffReferralsResponse.of(queries.summary(new UserId(id), PageRequest.of(cursor, limit)));
    }

    @Post("/users/{id}/referral-code/disable")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", description = "referral-code-missing: the account has no code yet",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "disableUserReferralCode", summary = "Disable a user's referral code",
            description = "For good: the code can no longer be redeemed; referrals made with it stay. Idempotent; audited.")
    StaffReferralsResponse disable(@PathVariable String id, Authentication authentication, HttpRequest<?> request) {
        UserId owner = new UserId(id);
        return StaffReferralsResponse.of(disable.disable(new DisableReferralCodeUseCase.Command(owner, Principals.staff(authentication, request))));
    }

    @Post("/referrals/{referralId}/reversals")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The referral (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = StaffLinkResponse.class)))
    @ApiResponse(responseCode = "404", description = "referral-not-found, transaction-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, wallet-busy, referral-busy (Retry-After: 1)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, referral-reward-not-paid, insufficient-funds, "
            + "account-deleted, operation-id-reused: the reward is not paid, or was spent (nothing changed)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "reverseReferralReward", summary = "Take a paid referral reward back",
            description = "Requires Idempotency-Key. `referralId` is the referred account's id; `side` says whose reward. "
                    + "Each side is reversed at most once, through the wallet, and rewards_earned follows.")
    HttpResponse<?> reverse(@PathVariable String referralId, @Body @Valid ReverseReferralRewardRequest body,
                            Authentication authentication, HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        ReverseReferralRewardUseCase.Command command = ReverseReferralRewardUseCase.Command.of(referralId, body.side(),
                body.reason(), body.description(), Principals.staff(authentication, request));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> StaffLinkResponse.of(reverse.reverse(command)));
    }
}
