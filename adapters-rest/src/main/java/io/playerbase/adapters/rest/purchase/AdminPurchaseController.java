package io.playerbase.adapters.rest.purchase;

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
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.purchase.PurchaseRequests.MintTestReceiptRequest;
import io.playerbase.adapters.rest.purchase.PurchaseRequests.RefundRequest;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.PurchasePage;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.PurchaseResponse;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.TestReceiptResponse;
import io.playerbase.application.purchase.port.in.MintTestReceiptUseCase;
import io.playerbase.application.purchase.port.in.PurchaseQueries;
import io.playerbase.application.purchase.port.in.RefundPurchaseUseCase;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.purchase.PurchaseId;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Purchases for staff: support and admins read, admins refund and mint test-store receipts. */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "purchases (staff)")
@SecurityRequirement(name = "bearer")
class AdminPurchaseController {

    private final PurchaseQueries queries;
    private final RefundPurchaseUseCase refunds;
    private final MintTestReceiptUseCase testReceipts;
    private final IdempotentRequests idempotency;

    AdminPurchaseController(PurchaseQueries queries, RefundPurchaseUseCase refunds, MintTestReceiptUseCase testReceipts,
                            IdempotentRequests idempotency) {
        this.queries = queries;
        this.refunds = refunds;
        this.testReceipts = testReceipts;
        this.idempotency = idempotency;
    }

    @Get("/users/{id}/purchases")
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @Operation(operationId = "listUserPurchases", summary = "A user's purchases, newest first")
    @ApiResponse(responseCode = "200", description = "{items, next_cursor}")
    PurchasePage forUser(@PathVariable String id, @QueryValue @Nullable Integer limit,
                                           @QueryValue @Nullable String cursor) {
        return PurchasePage.of(queries.forUser(new UserId(id), PageRequest.of(cursor, limit)));
    }

    @Get("/purchases/{id}")
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @Operation(operationId = "getPurchase", summary = "One purchase")
    @ApiResponse(responseCode = "200", description = "The purchase")
    @ApiResponse(responseCode = "404", description = "purchase-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    PurchaseResponse purchase(@PathVariable String id) {
        return PurchaseResponse.of(queries.purchase(new PurchaseId(id)));
    }

    @Post("/purchases/{id}/refund")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "refundPurchase", summary = "Refund a purchase",
            description = "Requires Idempotency-Key. Takes the credits back once, by the debt rule "
                    + "(docs/purchases.md); a refunded purchase answers as it is.")
    @ApiResponse(responseCode = "200", description = "The purchase, refunded")
    @ApiResponse(responseCode = "404", description = "purchase-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    HttpResponse<?> refund(@PathVariable String id, @Body @Valid RefundRequest body, Authentication authentication,
                           HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        var command = RefundPurchaseUseCase.Command.of(id, body.reason(), Principals.staff(authentication, request));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> PurchaseResponse.of(refunds.refund(command)));
    }

    @Post("/store/test-receipts")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @Operation(operationId = "mintTestReceipt", summary = "Mint a test-store receipt (development only)",
            description = "Only when PLAYERBASE_IAP_TEST_STORE_ENABLED=true and the database is not production.")
    @ApiResponse(responseCode = "200", description = "{store: test, receipt}")
    @ApiResponse(responseCode = "404", description = "product-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "test-store-disabled, product-not-in-store", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    TestReceiptResponse mint(@Body @Valid MintTestReceiptRequest body) {
        return new TestReceiptResponse("test", testReceipts.mint(new ProductId(body.productId())));
    }
}
