package io.playerbase.adapters.rest.wallet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.wallet.WalletResponses.StatementPage;
import io.playerbase.adapters.rest.wallet.WalletResponses.WalletResponse;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own wallet: a player token reaches only its subject's balance and statement. */
@Controller("/api/v1/users/me/wallet")
@Secured("player")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "wallet")
@SecurityRequirement(name = "bearer")
class WalletController {

    private final WalletQueries queries;

    WalletController(WalletQueries queries) {
        this.queries = queries;
    }

    @Get
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getMyWallet", summary = "My balance", description = "Integer minor units of the wallet's currency.")
    WalletResponse wallet(Authentication authentication) {
        return WalletResponse.of(queries.wallet(new UserId(authentication.getName())));
    }

    @Get("/transactions")
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "listMyTransactions", summary = "My transactions, newest first",
            description = "limit 1-100 (default 20); pass next_cursor as cursor for the next page.")
    StatementPage transactions(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor,
                               Authentication authentication) {
        return StatementPage.of(queries.ledger(new UserId(authentication.getName()),
                PageRequest.of(cursor, limit, WalletQueries.LEDGER_PAGES)));
    }
}
