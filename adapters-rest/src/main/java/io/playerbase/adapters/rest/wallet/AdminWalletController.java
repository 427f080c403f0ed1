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
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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
    @Operation(summary = "A user's balance")
    WalletResponse wallet(@PathVariable String id) {
        return WalletResponse.of(queries.wallet(new UserId(id)));
    }

    @Get("/transactions")
    @Secured({"support", "admin"})
    @Operation(summary = "A user's transactions, newest first, with operation ids and actors")
    TransactionPage transactions(@PathVariable String id, @QueryValue @Nullable Integer limit,
                                 @QueryValue @Nullable String cursor) {
        return TransactionPage.of(queries.ledger(new UserId(id), cursor, limit));
    }

    @Get("/reconcile")
    @Secured({"support", "admin"})
    @Operation(summary = "Verify the ledger's hash chain and that it adds up to the balance")
    ReconciliationResponse reconcile(@PathVariable String id) {
        return ReconciliationResponse.of(queries.reconcile(new UserId(id)));
    }

    @Post("/credits")
    @Secured("admin")
    @Operation(summary = "Credit a user's wallet", description = "Requires Idempotency-Key. 200 with the transaction.")
    @Parameter(name = IdempotentRequests.HEADER, in = ParameterIn.HEADER, required = true)
    HttpResponse<?> credit(@PathVariable String id, @Body @Valid MoveMoneyRequest body, Authentication authentication,
                           HttpRequest<?> request) {
        return moveMoney(id, body, authentication, request, CreditWalletUseCase.Command::of, credits::credit);
    }

    @Post("/debits")
    @Secured("admin")
    @Operation(summary = "Debit a user's wallet",
            description = "Requires Idempotency-Key. 422 insufficient-funds rather than a negative balance.")
    @Parameter(name = IdempotentRequests.HEADER, in = ParameterIn.HEADER, required = true)
    HttpResponse<?> debit(@PathVariable String id, @Body @Valid MoveMoneyRequest body, Authentication authentication,
                          HttpRequest<?> request) {
        return moveMoney(id, body, authentication, request, DebitWalletUseCase.Command::of, debits::debit);
    }

    @Post("/reversals")
    @Secured("admin")
    @Operation(summary = "Reverse an earlier credit or debit",
            description = "Requires Idempotency-Key. Each operation is reversed at most once.")
    @Parameter(name = IdempotentRequests.HEADER, in = ParameterIn.HEADER, required = true)
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
