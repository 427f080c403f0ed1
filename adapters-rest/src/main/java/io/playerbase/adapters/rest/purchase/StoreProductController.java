package io.playerbase.adapters.rest.purchase;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.purchase.PurchaseResponses.StoreProductPage;
import io.playerbase.application.purchase.port.in.ProductQueries;
import io.playerbase.domain.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The public catalog: what the apps offer for sale. */
@Controller("/api/v1/store/products")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "purchases")
class StoreProductController {

    private final ProductQueries queries;

    StoreProductController(ProductQueries queries) {
        this.queries = queries;
    }

    @Get
    @ApiErrors.Anonymous
    @Operation(operationId = "listStoreProducts", summary = "Products on sale",
            description = "Active products by id, with each store's SKU; limit 1-200, cursor from next_cursor.")
    @ApiResponse(responseCode = "200", description = "A page of products")
    StoreProductPage list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        return StoreProductPage.of(queries.list(true, PageRequest.of(cursor, limit)));
    }
}
