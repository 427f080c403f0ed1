package io.playerbase.adapters.rest.wallet;

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
import io.playerbase.adapters.rest.idempotency.IdempotentRequests;
import io.playerbase.adapters.rest.support.ApiErrors;
import io.playerbase.adapters.rest.support.RequestIds;
import io.playerbase.adapters.rest.wallet.WalletRequests.MoveMoneyRequest;
import io.playerbase.adapters.rest.wallet.WalletRequests.ReverseRequest;
import io.playerbase.adapters.rest.wallet.WalletResponses.ReconciliationResponse;
import io.playerbase.adapters.rest.wallet.WalletResponses.TransactionPage;
import io.playerbase.adapters.rest.wallet.WalletResponses.TransactionResponse;
import io.playerbase.adapters.rest.wallet.WalletResponses.WalletResponse;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.function.Function;

/**
 * Staff access to any user's wallet: support and admins read, only admins move money. Every money
 * POST needs an {@code Idempotency-Key}; its operation id is derived from the admin and the key, so
 * even a retry after the key's record expired moves the money only once.
 */
@Controller("/api/v1/admin/users/{id}/wallet")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "wallet (staff)")
@SecurityRequirement(name = "bearer")
class AdminWalletController {

    private final WalletQueries queries;
    private final CreditWalletUseCase credits;
    private final DebitWalletUseCase debits;
    private final ReverseWalletTransactionUseCase reversals;
    private final IdempotentRequests idempotency;

    AdminWalletController(WalletQueries queries, CreditWalletUseCase credits, DebitWalletUseCase debits,
                          ReverseWalletTransactionUseCase reversals, IdempotentRequests idempotency) {
        this.queries = queries;
        this.credits = credits;
        this.debits = debits;
        this.reversals = reversals;
        this.idempotency = idempotency;
    }

    @Get
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "getUserWallet", summary = "A user's balance")
    WalletResponse wallet(@PathVariable String id) {
        return WalletResponse.of(queries.wallet(new UserId(id)));
    }

    @Get("/transactions")
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "listUserTransactions", summary = "A user's transactions, newest first, with operation ids and actors")
    TransactionPage transactions(@PathVariable String id, @QueryValue @Nullable Integer limit,
                                 @QueryValue @Nullable String cursor) {
        return TransactionPage.of(queries.ledger(new UserId(id), PageRequest.of(cursor, limit, WalletQueries.LEDGER_PAGES)));
    }

    @Get("/reconcile")
    @Secured({"support", "admin"})
    @ApiErrors.Authenticated
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @Operation(operationId = "reconcileUserWallet", summary = "Verify the ledger's hash chain and that it adds up to the balance")
    ReconciliationResponse reconcile(@PathVariable String id) {
        return ReconciliationResponse.of(queries.reconcile(new UserId(id)));
    }

    @Post("/credits")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The transaction (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = TransactionResponse.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, wallet-busy (Retry-After: 1)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, operation-id-reused, account-deleted, balance-limit-exceeded",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "creditUserWallet",
            summary = "Credit a user's wallet", description = "Requires Idempotency-Key. 200 with the transaction.")
    HttpResponse<?> credit(@PathVariable String id, @Body @Valid MoveMoneyRequest body, Authentication authentication,
                           HttpRequest<?> request) {
        return moveMoney(id, body, authentication, request, CreditWalletUseCase.Command::of, credits::credit);
    }

    @Post("/debits")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The transaction (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = TransactionResponse.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, wallet-busy (Retry-After: 1)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, operation-id-reused, account-deleted, insufficient-funds",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "debitUserWallet",
            summary = "Debit a user's wallet",
            description = "Requires Idempotency-Key. 422 insufficient-funds rather than a negative balance.")
    HttpResponse<?> debit(@PathVariable String id, @Body @Valid MoveMoneyRequest body, Authentication authentication,
                          HttpRequest<?> request) {
        return moveMoney(id, body, authentication, request, DebitWalletUseCase.Command::of, debits::debit);
    }

    @Post("/reversals")
    @Secured("admin")
    @ApiErrors.Authenticated
    @ApiErrors.JsonBody
    @ApiResponse(responseCode = "200", description = "The reversing transaction (a replay has Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = TransactionResponse.class)))
    @ApiResponse(responseCode = "404", description = "user-not-found, transaction-not-found",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "409", description = "idempotency-key-in-use, wallet-busy (Retry-After: 1)",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused, operation-id-reused, account-deleted, not-reversible, insufficient-funds, balance-limit-exceeded",
            content = @Content(mediaType = ApiErrors.PROBLEM_JSON, schema = @Schema(ref = ApiErrors.PROBLEM)))
    @ApiErrors.IdempotencyKey
    @Operation(operationId = "reverseUserTransaction",
            summary = "Reverse an earlier credit or debit",
            description = "Requires Idempotency-Key. Each operation is reversed at most once.")
    HttpResponse<?> reverse(@PathVariable String id, @Body @Valid ReverseRequest body, Authentication authentication,
                            HttpRequest<?> request) {
        String key = idempotency.requireKey(request);
        var command = ReverseWalletTransactionUseCase.Command.of(new UserId(id), body.operationId(), body.reason(),
                body.description(), TransactionSource.ADMIN, actor(authentication, request));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> TransactionResponse.of(reversals.reverse(command)));
    }

    /** Credits and debits differ only in their command and use case; both validate before anything runs. */
    private <C> HttpResponse<?> moveMoney(String id, MoveMoneyRequest body, Authentication authentication,
                                          HttpRequest<?> request, MovementCommand<C> commandOf,
                                          Function<C, TransactionView> useCase) {
        String key = idempotency.requireKey(request);
        C command = commandOf.of(new UserId(id), body.amount(), operationId(authentication, key), body.reason(),
                body.description(), TransactionSource.ADMIN, actor(authentication, request));
        return idempotency.execute(request, authentication, key, body, HttpStatus.OK,
                () -> TransactionResponse.of(useCase.apply(command)));
    }

    /** The shape of {@code CreditWalletUseCase.Command.of} and {@code DebitWalletUseCase.Command.of}. */
    @FunctionalInterface
    private interface MovementCommand<C> {
        C of(UserId userId, Long amount, String operationId, String reason, String description,
             TransactionSource source, Actor actor);
    }

    /** Scoped like the key: the same key from two admins is two operations. */
    static String operationId(Authentication authentication, String key) {
        return "api:" + authentication.getName() + ":" + key;
    }

    private static Actor actor(Authentication authentication, HttpRequest<?> request) {
        return new Actor(authentication.getName(), Actor.ActorRole.ADMIN, RequestIds.of(request));
    }
}
