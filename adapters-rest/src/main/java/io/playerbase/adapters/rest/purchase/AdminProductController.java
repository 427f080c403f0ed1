package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.purchase.PurchaseRequests.ProductRequest;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.ProductPage;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.ProductResponse;
import io.playerbase.application.purchase.port.in.ChangeProductStatusUseCase;
import io.playerbase.application.purchase.port.in.CreateProductUseCase;
import io.playerbase.application.purchase.port.in.ProductQueries;
import io.playerbase.application.purchase.port.in.UpdateProductUseCase;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.shared.InvalidValue;
import io.playerbase.domain.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** The catalog for staff: admins edit it, support reads it. */
@Controller("/api/v1/admin/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "purchases (staff)")
@SecurityRequirement(name = "bearer")
class AdminProductController {

    private final CreateProductUseCase create;
    private final UpdateProductUseCase update;
    private final ChangeProductStatusUseCase status;
    private final ProductQueries queries;

    AdminProductController(CreateProductUseCase create, UpdateProductUseCase update, ChangeProductStatusUseCase status,
                           ProductQueries queries) {
        this.create = create;
        this.update = update;
        this.status = status;
        this.queries = queries;
    }

    @Get
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @Operation(operationId = "listProducts", summary = "All products, inactive ones included")
    @ApiResponse(responseCode = "200", description = "A page of products by id")
    ProductPage list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        return ProductPage.of(queries.list(false, PageRequest.of(cursor, limit)));
    }

    @Post
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @Operation(operationId = "createProduct", summary = "Add a product",
            description = "A credits pack: {product_id, title, kind: credits_pack, credits, skus}; a subscription: "
                    + "{…, kind: subscription, entitlement: premium, period: P1M, skus}.")
    @ApiResponse(responseCode = "201", description = "The product, active", content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "409", description = "product-exists, sku-taken", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    HttpResponse<ProductResponse> create(@Body @Valid ProductRequest body) {
        return HttpResponse.created(ProductResponse.of(create.create(CreateProductUseCase.Command.of(body.productId(),
                body.title(), body.kind(), body.credits(), body.entitlement(), body.period(), body.skus()))));
    }

    @Put("/{productId}")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @Operation(operationId = "updateProduct", summary = "Redefine a product",
            description = "Same body as create; the product_id must match the path and the kind cannot change.")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "product-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "sku-taken, stale-version", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "product-kind-immutable", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    ProductResponse update(@PathVariable String productId, @Body @Valid ProductRequest body) {
        if (!productId.equals(body.productId())) {
            throw new InvalidValue("product_id", "must be the product of the path");
        }
        return ProductResponse.of(update.update(UpdateProductUseCase.Command.of(body.productId(), body.title(),
                body.kind(), body.credits(), body.entitlement(), body.period(), body.skus())));
    }

    @Post("/{productId}/deactivate")
    @Secured("admin")
    @ApiErrors.Authenticated
    @Operation(operationId = "deactivateProduct", summary = "Take a product off sale",
            description = "Idempotent. Purchases already recorded keep what they granted.")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "product-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    ProductResponse deactivate(@PathVariable String productId) {
        return ProductResponse.of(status.change(new ChangeProductStatusUseCase.Command(new ProductId(productId), false)));
    }

    @Post("/{productId}/activate")
    @Secured("admin")
    @ApiErrors.Authenticated
    @Operation(operationId = "activateProduct", summary = "Put a product back on sale")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "product-not-found", content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    ProductResponse activate(@PathVariable String productId) {
        return ProductResponse.of(status.change(new ChangeProductStatusUseCase.Command(new ProductId(productId), true)));
    }
}
