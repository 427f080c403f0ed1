package io.playerbase.bootstrap.wallet;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micronaut.context.ApplicationContext;
import io.playerbase.adapters.mongo.audit.AuditOutbox;
import io.playerbase.adapters.mongo.connection.EmbeddedMongoServer;
import io.playerbase.application.user.port.in.RegisterUserUseCase;
import io.playerbase.application.wallet.port.in.CreditWalletUseCase;
import io.playerbase.application.wallet.port.in.DebitWalletUseCase;
import io.playerbase.application.wallet.port.in.ReconciliationView;
import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.application.wallet.port.in.WalletQueries;
import io.playerbase.domain.shared.Actor;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.wallet.TransactionSource;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 32 threads × 50 operations on one wallet of the real service (embedded store): mixed credits and
 * debits, a third of the calls retries of earlier operation ids (from any thread). The balance must
 * equal the sum of the distinct operations that succeeded, the ledger must hold exactly one entry per
 * such operation, every retry must return its original transaction, and the chain must verify.
 * The threads are split over two instances of the service sharing the store, as in production behind a
 * load balancer: only the conditional writes keep them apart.
 */
class WalletConcurrencyTest {

    static final int THREADS = 32;
    static final int OPERATIONS = 50;
    static final Actor ADMIN = new Actor("650000000000000000000099", Actor.ActorRole.ADMIN, "req-load");

    record Operation(String id, boolean credit, long amount) {
    }

    @Test
    void concurrentCreditsDebitsAndRetriesOnOneWalletAddUp() throws Exception {
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "playerbase.embedded.data-dir", ":memory:",
                "playerbase.embedded.port", 0,
                "playerbase.crypto.master-key", masterKey,
                "playerbase.passwords.memory-kib", 1024));
             ApplicationContext second = ApplicationContext.run(Map.of(
                     "playerbase.mongo.uri", context.getBean(EmbeddedMongoServer.class).connectionString(),
                     "playerbase.crypto.master-key", masterKey,
                     "playerbase.passwords.memory-kib", 1024))) {
            List<CreditWalletUseCase> credits = List.of(context.getBean(CreditWalletUseCase.class),
                    second.getBean(CreditWalletUseCase.class));
            List<DebitWalletUseCase> debits = List.of(context.getBean(DebitWalletUseCase.class),
                    second.getBean(DebitWalletUseCase.class));
            UserId ann = new UserId(context.getBean(RegisterUserUseCase.class).register(RegisterUserUseCase.Command.of(
                    "load@example.com", "load", "correct horse battery", "req")).id());

            List<Operation> issued = new CopyOnWriteArrayList<>();
            Map<String, TransactionView> succeeded = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < OPERATIONS; i++) {
                        Operation operation;
                        if (i % 3 == 2 && !issued.isEmpty()) {
                            operation = issued.get(random.nextInt(issued.size()));
                        } else {
                            boolean credit = random.nextInt(3) > 0;
                            operation = new Operation("t" + thread + "-" + i, credit, 1 + random.nextInt(credit ? 100 : 150));
                            issued.add(operation);
                        }
                        try {
                            TransactionView result = operation.credit()
                                    ? credits.get(thread % 2).credit(CreditWalletUseCase.Command.of(ann, operation.amount(), operation.id(),
                                    "goodwill", null, TransactionSource.ADMIN, ADMIN))
                                    : debits.get(thread % 2).debit(DebitWalletUseCase.Command.of(ann, operation.amount(), operation.id(),
                                    "correction", null, TransactionSource.ADMIN, ADMIN));
                            TransactionView first = succeeded.putIfAbsent(operation.id(), result);
                            if (first != null && !first.equals(result)) {
                                problems.add("retry of " + operation.id() + " returned another transaction");
                            }
                        } catch (RuleViolation e) {
                            if (!e.code().equals("insufficient-funds")) {
                                problems.add(operation.id() + ": " + e.code());
                            }
                        } catch (RuntimeException e) {
                            problems.add(operation.id() + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            context.getBean(AuditOutbox.class).recover();

            assertTrue(problems.isEmpty(), problems.toString());
            long expected = succeeded.values().stream().mapToLong(TransactionView::signedAmount).sum();
            WalletQueries queries = context.getBean(WalletQueries.class);
            assertEquals(expected, queries.wallet(ann).balance(), "balance = sum of the distinct successful operations");
            MongoDatabase database = context.getBean(MongoDatabase.class);
            ObjectId id = new ObjectId(ann.value());
            assertEquals(succeeded.size(), database.getCollection("wallet_transactions").countDocuments(Filters.eq("user_id", id)),
                    "one ledger entry per distinct operation");
            assertEquals(succeeded.size(), database.getCollection("user_audit_logs").countDocuments(Filters.and(
                    Filters.eq("user_id", id), Filters.eq("module", "wallet"))), "one audit entry per distinct operation");
            assertTrue(succeeded.size() > THREADS * OPERATIONS / 3, "most operations went through: " + succeeded.size());
            ReconciliationView report = queries.reconcile(ann);
            assertTrue(report.consistent(), report.findings().toString());
            assertEquals(succeeded.size(), report.entries());
        }
    }
}
