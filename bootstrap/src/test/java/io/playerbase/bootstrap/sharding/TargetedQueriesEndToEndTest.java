package io.playerbase.bootstrap.sharding;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.playerbase.application.access.port.in.AuthenticateApiKeyUseCase;
import io.playerbase.application.access.port.in.CreateApiKeyUseCase;
import io.playerbase.application.dutchgame.port.in.ReportDutchMatchUseCase;
import io.playerbase.application.idempotency.port.in.ClaimIdempotencyKeyUseCase;
import io.playerbase.application.idempotency.port.in.RecordIdempotentResponseUseCase;
import io.playerbase.application.purchase.port.in.ClaimPurchaseUseCase;
import io.playerbase.application.purchase.port.in.CreateProductUseCase;
import io.playerbase.application.purchase.port.in.MintTestReceiptUseCase;
import io.playerbase.application.user.port.in.AccessQueries;
import io.playerbase.application.user.port.in.LogInUseCase;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.user.port.in.UpdateProfileUseCase;
import io.playerbase.application.user.port.in.UserQueries;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.ReverseWalletTransactionUseCase;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.adapters.mongo.testing.CommandRecorder;
import io.playerbase.adapters.mongo.testing.CommandRecorder.Recorded;
import io.playerbase.adapters.mongo.testing.ShardKeyTargeting;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.purchase.ProductId;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.PageRequest;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot paths reach every sharded collection through its shard key (ShardKeys): log-in by email and by
 * username, the token check, profile read and update (a username change included), every wallet
 * operation with its Idempotency-Key, a match report with its API key, and a purchase grant. Each path
 * runs through its use cases on the test thread while {@link CommandRecorder} records what the
 * driver sends from it; a filter that would go to every shard of a cluster fails the test. The service
 * is configured as on a cluster ({@code playerbase.mongo.sharding.enabled}; on the embedded store the
 * sharding change unit finds no mongos and does nothing). The same paths
 * on a real sharded cluster: {@code ShardedClusterContainerTest} in adapters-mongo (skipped without Docker).
 */
@MicronautTest(transactional = false)
@Property(name = "playerbase.embedded.data-dir", value = ":memory:")
@Property(name = "playerbase.embedded.port", value = "0")
@Property(name = "playerbase.iap.test-store.enabled", value = "true")
@Property(name = "test.record-mongo-commands", value = "true")
// Configured as on a cluster: the lookups trust the claims (no fallback to the blind-index and store
// transaction indexes, which an unsharded store keeps for users written by an earlier version).
@Property(name = "playerbase.mongo.sharding.enabled", value = "true")
class TargetedQueriesEndToEndTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    CommandRecorder recorder;
    @Inject
    RegisterUserUseCase register;
    @Inject
    LogInUseCase logIn;
    @Inject
    AccessQueries access;
    @Inject
    UserQueries users;
    @Inject
    UpdateProfileUseCase updateProfile;
    @Inject
    CreditWalletUseCase credit;
    @Inject
    DebitWalletUseCase debit;
    @Inject
    ReverseWalletTransactionUseCase reverse;
    @Inject
    WalletQueries wallet;
    @Inject
    ClaimIdempotencyKeyUseCase claimKey;
    @Inject
    RecordIdempotentResponseUseCase recordResponse;
    @Inject
    CreateApiKeyUseCase createApiKey;
    @Inject
    AuthenticateApiKeyUseCase authenticateApiKey;
    @Inject
    ReportDutchMatchUseCase reportMatch;
    @Inject
    CreateProductUseCase createProduct;
    @Inject
    MintTestReceiptUseCase mintReceipt;
    @Inject
    ClaimPurchaseUseCase claimPurchase;

    private record Player(UserId id, String name) {
    }

    private Player player() {
        String name = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = register.register(RegisterUserUseCase.Command.of(name + "@example.com", name, PASSWORD, "setup")).id();
        return new Player(new UserId(id), name);
    }

    /** Runs the path, checks that it touched the expected sharded collections and none of them untargeted. */
    private void assertTargeted(Set<String> expected, Runnable path) {
        List<Recorded> commands = recorder.during(path);
        assertEquals(List.of(), ShardKeyTargeting.untargeted(commands));
        assertTrue(ShardKeyTargeting.shardedCollections(commands).containsAll(expected),
                "the path touched " + ShardKeyTargeting.shardedCollections(commands) + ", expected at least " + expected);
    }

    @Test
    void logInByEmailOrUsernameAndTheTokenCheckAreTargeted() {
        Player ann = player();
        assertTargeted(Set.of("claims", "users"), () -> logIn.logIn(new LogInUseCase.Command(ann.name() + "@example.com", PASSWORD, "r1")));
        assertTargeted(Set.of("claims", "users"), () -> logIn.logIn(new LogInUseCase.Command(ann.name(), PASSWORD, "r2")));
        assertTargeted(Set.of("users"), () -> access.activeRoles(ann.id()));
    }

    @Test
    void profileReadAndUpdateAreTargeted() {
        Player ann = player();
        Actor actor = Actor.player(ann.id(), "r");
        assertTargeted(Set.of("users", "user_keys"), () -> users.byId(ann.id()));
        assertTargeted(Set.of("users"), () -> updateProfile.update(new UpdateProfileUseCase.Command(ann.id(), null,
                "+33 6 12 34 56 78", "12 rue des Lilas", actor)));
        String newName = ann.name() + "x";
        assertTargeted(Set.of("users", "claims"), () -> updateProfile.update(new UpdateProfileUseCase.Command(ann.id(), newName,
                null, null, actor)));
    }

    @Test
    void everyWalletOperationIsTargeted() {
        Player ann = player();
        UserId admin = player().id();
        Actor staff = Actor.staff(admin, Actor.ActorRole.ADMIN, "r");
        String scope = admin.value();
        assertTargeted(Set.of("idempotency_keys"), () -> {
            ClaimIdempotencyKeyUseCase.Claim claim = claimKey.claim(new ClaimIdempotencyKeyUseCase.Command(scope, "k-1", "fp"));
            recordResponse.record(new RecordIdempotentResponseUseCase.Command(scope, "k-1",
                    ((ClaimIdempotencyKeyUseCase.Claim.Proceed) claim).leaseId(), 200, "application/json", "{}"));
        });
        assertTargeted(Set.of("users", "wallet_transactions", "user_audit_logs"), () -> credit.credit(CreditWalletUseCase.Command.of(
                ann.id(), 500L, "op-credit", "goodwill", null, TransactionSource.ADMIN, staff)));
        assertTargeted(Set.of("users", "wallet_transactions"), () -> debit.debit(DebitWalletUseCase.Command.of(
                ann.id(), 200L, "op-debit", "correction", null, TransactionSource.ADMIN, staff)));
        assertTargeted(Set.of("users", "wallet_transactions"), () -> reverse.reverse(ReverseWalletTransactionUseCase.Command.of(
                ann.id(), "op-debit", "mistake", null, TransactionSource.ADMIN, staff)));
        assertTargeted(Set.of("users", "wallet_transactions"), () -> credit.credit(CreditWalletUseCase.Command.of(
                ann.id(), 500L, "op-credit", "goodwill", null, TransactionSource.ADMIN, staff)));
        assertTargeted(Set.of("users"), () -> wallet.wallet(ann.id()));
        assertTargeted(Set.of("wallet_transactions"), () -> wallet.ledger(ann.id(), new PageRequest(null, 20)));
        assertTargeted(Set.of("users", "wallet_transactions"), () -> wallet.reconcile(ann.id()));
    }

    @Test
    void aMatchReportWithItsApiKeyIsTargeted() {
        UserId admin = player().id();
        String token = createApiKey.create(new CreateApiKeyUseCase.Command("game server", List.of("matches:write"),
                Actor.staff(admin, Actor.ActorRole.ADMIN, "setup"))).token();
        List<PlayerResult> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(new PlayerResult(player().id(), i == 0 ? MatchResult.WIN : MatchResult.LOSS, 10, i == 0 ? 3 : -1));
        }
        Instant end = Instant.now().minusSeconds(60);
        MatchReport report = new MatchReport(new MatchId("m-" + UUID.randomUUID()), end.minusSeconds(600), end, lines);
        assertTargeted(Set.of("dutch_matches", "users"), () -> {
            AuthenticateApiKeyUseCase.ApiKeyPrincipal key = authenticateApiKey.authenticate(new AuthenticateApiKeyUseCase.Command(token));
            reportMatch.report(new ReportDutchMatchUseCase.Command(report, Actor.gameServer(key.keyId(), "r")));
        });
        assertTargeted(Set.of("dutch_matches"), () -> reportMatch.report(new ReportDutchMatchUseCase.Command(report,
                Actor.gameServer("pbk_0123456789abcdef01234567", "r-repeat"))));
    }

    @Test
    void aPurchaseGrantIsTargeted() {
        Player ann = player();
        String productId = "coins_" + UUID.randomUUID().toString().substring(0, 6);
        createProduct.create(CreateProductUseCase.Command.of(productId, "500 coins", "credits_pack", 500L, null, null,
                Map.of("test", productId)));
        String receipt = mintReceipt.mint(new ProductId(productId));
        ClaimPurchaseUseCase.Command buy = ClaimPurchaseUseCase.Command.of(ann.id(), "test", null, null, null, receipt,
                Actor.player(ann.id(), "r"));
        assertTargeted(Set.of("claims", "user_purchases", "users", "wallet_transactions"), () -> claimPurchase.claim(buy));
        assertTargeted(Set.of("claims", "user_purchases"), () -> claimPurchase.claim(buy));
    }
}
