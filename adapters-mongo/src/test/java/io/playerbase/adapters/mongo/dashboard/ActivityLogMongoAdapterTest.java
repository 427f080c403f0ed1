package io.playerbase.adapters.mongo.dashboard;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.testing.MongoTarget;
import io.playerbase.domain.dashboard.ActivityLog;
import io.playerbase.domain.dashboard.ActivityLogContract;
import io.playerbase.domain.dutchgame.DutchGameRepository;
import io.playerbase.domain.dutchgame.MatchId;
import io.playerbase.domain.dutchgame.MatchRecord;
import io.playerbase.domain.dutchgame.MatchReport;
import io.playerbase.domain.dutchgame.MatchResult;
import io.playerbase.domain.dutchgame.MatchState;
import io.playerbase.domain.dutchgame.PlayerResult;
import io.playerbase.domain.purchase.Purchase;
import io.playerbase.domain.purchase.PurchaseRepository;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.AuditEntry;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.PurchaseFixtures;
import io.playerbase.domain.user.Email;
import io.playerbase.domain.user.ModuleRegistry;
import io.playerbase.domain.user.User;
import io.playerbase.domain.user.UserRepository;
import io.playerbase.domain.user.Username;
import io.playerbase.domain.wallet.Amount;
import io.playerbase.domain.wallet.Ledger;
import io.playerbase.domain.wallet.LedgerEntry;
import io.playerbase.domain.wallet.Movement;
import io.playerbase.domain.wallet.OperationId;
import io.playerbase.domain.wallet.ReasonCode;
import io.playerbase.domain.wallet.TransactionSource;
import io.playerbase.domain.wallet.Wallet;
import io.playerbase.domain.wallet.WalletRepository;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ActivityLogMongoAdapter}: the dashboard port's contract over what the other adapters store
 * (users, Dutch matches, ledger entries), and what only a database holds: values of another type.
 */
abstract class ActivityLogMongoAdapterTest extends ActivityLogContract {

    private static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-a");

    private ApplicationContext context;
    private UserId walletOwner;
    private int created;

    abstract MongoTarget target();

    @Override
    protected ActivityLog createLog() {
        context = target().startAdapters();
        walletOwner = null;
        return context.getBean(ActivityLog.class);
    }

    @Override
    protected void closeLog() {
        context.getBean(MongoDatabase.class).drop();
        context.close();
    }

    private UserId newUser(Instant at, boolean compPlayer) {
        String name = "u" + (created++) + "_" + UUID.randomUUID().toString().substring(0, 6);
        User user = User.register(UserId.newId(at), new Email(name + "@example.com"), new Username(name), "$h", compPlayer,
                context.getBean(ModuleRegistry.class).activeModules(), at);
        context.getBean(UserRepository.class).insert(user, AuditEntry.of(user.id(), Actor.player(user.id(), "r"),
                "user.registered", "user", List.of(), at));
        return user.id();
    }

    @Override
    protected void register(Instant at, boolean compPlayer) {
        newUser(at, compPlayer);
    }

    @Override
    protected void reportMatch(Instant at, boolean accepted) {
        DutchGameRepository matches = context.getBean(DutchGameRepository.class);
        MatchReport report = new MatchReport(new MatchId("m-" + UUID.randomUUID()), at.minusSeconds(300), at.minusSeconds(1),
                List.of(new PlayerResult(UserId.newId(at), MatchResult.WIN, 40, 0),
                        new PlayerResult(UserId.newId(at), MatchResult.LOSS, 5, 0)));
        MatchRecord match = matches.insertOrGet(report, "key-1", at);
        if (accepted) {
            matches.transition(report.matchId(), match.attemptId(), MatchState.RESERVING, MatchState.APPLYING, at);
        }
    }

    @Override
    protected void recordPurchase(Instant at) {
        context.getBean(PurchaseRepository.class).claim(Purchase.record(UserId.newId(at),
                PurchaseFixtures.verifiedTest("tx-" + UUID.randomUUID(), "coins_500"), PurchaseFixtures.coinsProduct("coins_500", 500), at));
    }

    /** One committed, recorded change of one wallet (the way MoneyMovements makes one). */
    private String move(Instant at, Function<Wallet, LedgerEntry> change) {
        if (walletOwner == null) {
            walletOwner = newUser(at.minusSeconds(86_400), false);
        }
        WalletRepository wallets = context.getBean(WalletRepository.class);
        Wallet wallet = wallets.find(walletOwner).orElseThrow();
        LedgerEntry entry = change.apply(wallet);
        wallets.commit(wallet, AuditEntry.of(walletOwner, ADMIN, "wallet.changed", "wallet", List.of("balance"), at));
        context.getBean(Ledger.class).record(entry);
        wallets.markRecorded(walletOwner, entry.sequence());
        return entry.operationId().value();
    }

    private static Movement movement() {
        return new Movement(new OperationId("op-" + UUID.randomUUID()), new ReasonCode("goodwill"), null,
                TransactionSource.ADMIN, ADMIN);
    }

    @Override
    protected String credit(Instant at, long amount) {
        return move(at, wallet -> wallet.credit(new Amount(amount), movement(), at));
    }

    @Override
    protected String debit(Instant at, long amount) {
        return move(at, wallet -> wallet.debit(new Amount(amount), movement(), at));
    }

    @Override
    protected void reverse(Instant at, String operationId) {
        LedgerEntry original = context.getBean(Ledger.class).findByOperation(walletOwner, new OperationId(operationId))
                .orElseThrow();
        move(at, wallet -> wallet.reverse(original, movement(), at));
    }

    @Test
    void aCreationTimeThatIsNotADateIsNotPlaced() {
        UserId legacy = newUser(HOUR.plusSeconds(5), false);
        register(HOUR.plusSeconds(6), false);
        context.getBean(MongoDatabase.class).getCollection("users").updateOne(
                Filters.eq("_id", new ObjectId(legacy.value())), Updates.set("created_at", "2026-12-04T10:00:05Z"));
        assertEquals(List.of(HOUR.plusSeconds(6)), log.registrations(WINDOW, 10));
    }
}
