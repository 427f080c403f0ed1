package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.purchase.PurchaseRequests.ClaimPurchaseRequest;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.PurchasePage;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.PurchaseResponse;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.PurchaseQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * A player's own purchases. A claim is safe to send again whether or not it carries an
 * {@code Idempotency-Key}: the store transaction itself is the purchase's identity, so a repeat
 * answers the same purchase and moves no money. With a key, a replay also gets the stored response.
 */
@Controller("/api/v1/users/me/purchases")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "purchases")
@SecurityRequirement(name = "bearer")
class PurchaseController {

    private final ClaimPurchaseUseCase claims;
    private final PurchaseQueries queries;
    private final IdempotentRequests idempotency;

    PurchaseController(ClaimPurchaseUseCase claims, PurchaseQueries queries, IdempotentRequests idempotency) {
        this.claims = claims;
        this.queries = queries;
        this.idempotency = idempotency;
    }

    @Post
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "400", description = "malformed-request, invalid-value, idempotency-key-missing, store-unknown, "
            + "receipt-malformed, receipt-format-unsupported: the body, a field or the Idempotency-Key is missing or invalid, an unknown store, or a "
            + "proof that cannot be read (a StoreKit 1 receipt is not supported)", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthenticated")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "claimPurchase", summary = "Claim a store purchase",
            description = "Verifies the store's proof, records the purchase and grants it once. Idempotency-Key "
                    + "required (as on every money-moving POST).")
    @ApiResponse(responseCode = "200", description = "The purchase: id, status, product_id, credits granted")
    @ApiResponse(responseCode = "409", description = "purchase-already-claimed, idempotency-key-in-use", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "receipt-invalid, receipt-wrong-app, receipt-wrong-environment, "
            + "purchase-already-consumed, product-unknown, product-inactive, product-mismatch, purchase-pending, "
            + "purchase-revoked, store-not-enabled, test-store-disabled, idempotency-key-reused", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    HttpResponse<?> claim(@Body @Valid ClaimPurchaseRequest body, Authentication authentication, HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        UserId user = new UserId(authentication.getName());
        var command = ClaimPurchaseUseCase.Command.of(user, body.store(), body.signedTransaction(), body.sku(),
                body.purchaseToken(), body.receipt(), Actor.player(user, RequestIds.of(request)));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> PurchaseResponse.of(claims.claim(command)));
    }

    @Get
    @ApiErrors.Authenticated
    @Operation(operationId = "listMyPurchases", summary = "My purchases, newest first")
    @ApiResponse(responseCode = "200", description = "{items, next_cursor}")
    PurchasePage mine(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor,
                                        Authentication authentication) {
        return PurchasePage.of(queries.forUser(new UserId(authentication.getName()), PageRequest.of(cursor, limit)));
    }
}
