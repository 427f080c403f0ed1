package io.playerbase.adapters.rest.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.playerbase.adapters.rest.auth.AuthRequests.LogInRequest;
import io.playerbase.adapters.rest.auth.AuthRequests.RefreshTokenRequest;
import io.playerbase.adapters.rest.auth.AuthRequests.RegisterUserRequest;
import io.playerbase.adapters.rest.ratelimit.AccountRateLimits;
import io.playerbase.adapters.rest.ratelimit.AuthRateLimits;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.adapters.rest.user.UserResponse;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RefreshLoginUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UserView;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;

@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class AuthController {

    private final RegisterUserUseCase register;
    private final LogInUseCase logIn;
    private final RefreshLoginUseCase refresh;
    private final TokenService tokens;
    private final AuthRateLimits limits;
    private final AccountRateLimits accountLimits;

    AuthController(RegisterUserUseCase register, LogInUseCase logIn, RefreshLoginUseCase refresh, TokenService tokens,
                   AuthRateLimits limits, AccountRateLimits accountLimits) {
        this.register = register;
        this.logIn = logIn;
        this.refresh = refresh;
        this.tokens = tokens;
        this.limits = limits;
        this.accountLimits = accountLimits;
    }

    @Post("/register")
    @ApiErrors.Anonymous
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "201", description = "The new account",
            content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "404", description = "referral-code-unknown: no account has the referral code given",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "email-taken, username-taken",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "referral-code-disabled, referrer-computer-player, referrer-inactive: "
            + "the referral code given cannot be redeemed (nothing is registered)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "registerUser", summary = "Create a player account",
            description = "201 with the account (its own referral code in modules.referrals); 409 when the email or "
                    + "username is taken; 429 when rate limited. An optional referral_code is checked first and redeemed "
                    + "once the account exists (docs/referrals.md).")
    HttpResponse<UserResponse> register(@Body @Valid RegisterUserRequest body, HttpRequest<?> request) {
        limits.register(request, body.email());
        if (body.referralCode() != null) {
            accountLimits.redeemReferral(request, null);
        }
        UserView user = register.register(RegisterUserUseCase.Command.of(body.email(), body.username(), body.password(),
                body.referralCode(), RequestIds.of(request)));
        return HttpResponse.created(UserResponse.of(user), URI.create("/api/v1/users/me"));
    }

    @Post("/login")
    @ApiErrors.Anonymous
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "401", description = "authentication-failed",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "logIn", summary = "Log in with email or username",
            description = "401 with the same body whatever was wrong; 429 when rate limited or after too many failures.")
    TokenResponse logIn(@Body @Valid LogInRequest body, HttpRequest<?> request) {
        return TokenResponse.of(tokens.issue(limits.logIn(request, body.login(),
                () -> logIn.logIn(new LogInUseCase.Command(body.login(), body.password(), RequestIds.of(request))))));
    }

    @Post("/refresh")
    @ApiErrors.Anonymous
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "401", description = "authentication-failed",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "429", ref = "#/components/responses/TooManyRequests")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for new tokens", description = "429 when rate limited.")
    TokenResponse refresh(@Body @Valid RefreshTokenRequest body, HttpRequest<?> request) {
        limits.refreshFromAddress(request);
        TokenService.RefreshClaims claims = tokens.readRefreshToken(body.refreshToken());
        limits.refreshForAccount(claims.userId().value());
        return TokenResponse.of(tokens.issue(
                refresh.refresh(new RefreshLoginUseCase.Command(claims.userId(), claims.credentialsVersion()))));
    }
}
