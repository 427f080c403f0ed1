package io.playerbase.bootstrap.wallet;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.RecoverWalletsUseCase;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole service on the embedded store, crashed before each database write of a debit in turn (the
 * wallet commit, the audit log copy and its outbox pull, the ledger copy, the drop of the unrecorded
 * entry), then restarted and left to what a real restart does: the recovery passes, the client's retry,
 * or simply the next operation on the wallet. Every time the books end consistent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletFaultInjectionTest {

    enum Then { RECOVERY_PASSES, RETRY_SAME_OPERATION, NEXT_OPERATION }

    static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-fault");

    private ApplicationContext context;
    private MongoFaults faults;
    private CreditWalletUseCase credits;
    private DebitWalletUseCase debits;
    private WalletQueries queries;
    private RecoverWalletsUseCase walletRecovery;
    private AuditOutbox auditRecovery;
    private MongoDatabase database;

    @BeforeAll
    void start() {
        context = ApplicationContext.run(Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "playerbase.passwords.memory-kib", 1024,
                "playerbase.audit.recovery-interval", "1h",
                "playerbase.wallet.recovery-interval", "1h",
                "test.mongo-faults", true));
        faults = context.getBean(MongoFaults.class);
        credits = context.getBean(CreditWalletUseCase.class);
        debits = context.getBean(DebitWalletUseCase.class);
        queries = context.getBean(WalletQueries.class);
        walletRecovery = context.getBean(RecoverWalletsUseCase.class);
        auditRecovery = context.getBean(AuditOutbox.class);
        database = context.getBean(MongoDatabase.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private UserId newUser() {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        String id = context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                name + "@example.com", name, "correct horse battery", "req")).id();
        return new UserId(id);
    }

    private TransactionView credit(UserId user, long amount, String operation) {
        return credits.credit(CreditWalletUseCase.Command.of(user, amount, operation, "goodwill", null,
                TransactionSource.ADMIN, ADMIN));
    }

    private TransactionView debit(UserId user, long amount, String operation) {
        return debits.debit(DebitWalletUseCase.Command.of(user, amount, operation, "correction", null,
                TransactionSource.ADMIN, ADMIN));
    }

    /** How many database writes one debit makes on a wallet in its steady state. */
    private int writesPerOperation() {
        UserId probe = newUser();
        credit(probe, 100, "op-0");
        faults.count();
        debit(probe, 1, "op-1");
        int writes = faults.writes();
        faults.restart();
        return writes;
    }

    @Test
    void aCrashBeforeAnyWriteOfADebitEndsConsistent() {
        int writes = writesPerOperation();
        // wallet commit, audit log insert, outbox pull, ledger insert, drop of the unrecorded entry
        assertEquals(5, writes, "the write sequence documented in docs/wallet.md");
        List<String> failures = new ArrayList<>();
        for (int write = 1; write <= writes; write++) {
            for (Then then : Then.values()) {
                try {
                    crashThen(write, then);
                } catch (AssertionError e) {
                    failures.add("crash before write " + write + ", then " + then + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private void crashThen(int write, Then then) {
        UserId ann = newUser();
        credit(ann, 100, "op-0");

        faults.crashAtWrite(write);
        try {
            debit(ann, 40, "op-1");
            fail("the crash did not happen");
        } catch (Throwable crash) {
            assertTrue(isCrash(crash), () -> "unexpected " + crash);
        } finally {
            faults.restart();
        }

        boolean committed = write > 1;
        long expected = committed ? 60 : 100;
        int entries = committed ? 2 : 1;
        switch (then) {
            case RECOVERY_PASSES -> {
                walletRecovery.recover();
                auditRecovery.recover();
            }
            case RETRY_SAME_OPERATION -> {
                TransactionView retried = debit(ann, 40, "op-1");
                assertEquals(60, retried.balanceAfter());
                expected = 60;
                entries = 2;
                auditRecovery.recover();
            }
            case NEXT_OPERATION -> {
                credit(ann, 5, "op-2");
                expected += 5;
                entries++;
                auditRecovery.recover();
            }
        }

        assertEquals(expected, queries.wallet(ann).balance(), "balance");
        ObjectId id = new ObjectId(ann.value());
        assertEquals(entries, database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", id)),
                "ledger entries");
        assertEquals(entries, database.getCollection("user_audit_logs").countDocuments(Filters.and(
                Filters.eq("user_id", id), Filters.eq("module", "wallet"))), "audit entries");
        Document user = database.getCollection("users").find(Filters.eq("_id", id)).first();
        assertTrue(user.getList(AuditOutbox.FIELD, Document.class, List.of()).isEmpty(), "audit outbox drained");
        assertFalse(user.get("modules", Document.class).get("wallet", Document.class).containsKey("_pending"),
                "no unrecorded entry left");
        ReconciliationView report = queries.reconcile(ann);
        assertTrue(report.consistent(), report.findings().toString());
        if (committed || then == Then.RETRY_SAME_OPERATION) {
            TransactionView replay = debit(ann, 40, "op-1");
            assertNotNull(replay);
            assertEquals(2, replay.sequence(), "a later retry is answered with the original movement");
            assertEquals(expected, queries.wallet(ann).balance());
        }
    }

    private static boolean isCrash(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoFaults.Crash) {
                return true;
            }
        }
        return false;
    }
}
