package io.playerbase.application.wallet;

import io.playerbase.application.wallet.port.in.TransactionView;
import io.playerbase.domain.shared.RuleViolation;
import io.playerbase.domain.shared.UserId;
import io.playerbase.domain.testing.InMemoryLedger;
import io.playerbase.domain.testing.InMemoryWalletRepository;
import io.playerbase.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.playerbase.application.wallet.WalletServicesTest.credit;
import static io.playerbase.application.wallet.WalletServicesTest.debit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads on one wallet, a third of their calls retries of earlier operations: nothing lost,
 * nothing doubled. The threads are split over two service instances (two {@link MoneyMovements}
 * sharing the stores), so the optimistic commit, not the in-process lock, is what keeps them apart.
 */
class ConcurrentMoneyMovementTest {

    static final int THREADS = 32;
    static final int OPERATIONS = 50;

    record Operation(String id, boolean credit, long amount) {
    }

    @Test
    void concurrentMixedOperationsWithRetriesAddUp() throws Exception {
        InMemoryWalletRepository wallets = new InMemoryWalletRepository();
        InMemoryLedger ledger = new InMemoryLedger();
        MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
        List<MoneyMovements> instances = List.of(new MoneyMovements(wallets, ledger, clock),
                new MoneyMovements(wallets, ledger, clock));
        UserId ann = wallets.addUser();

        List<Operation> issued = new CopyOnWriteArrayList<>();
        Map<String, TransactionView> succeeded = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            CreditWalletService credits = new CreditWalletService(instances.get(t % 2));
            DebitWalletService debits = new DebitWalletService(instances.get(t % 2));
            done.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS; i++) {
                    Operation operation;
                    if (i % 3 == 2 && !issued.isEmpty()) {
                        operation = issued.get(random.nextInt(issued.size()));
                    } else {
                        boolean isCredit = random.nextInt(3) > 0;
                        operation = new Operation("t" + thread + "-" + i, isCredit, 1 + random.nextInt(isCredit ? 100 : 150));
                        issued.add(operation);
                    }
                    try {
                        TransactionView result = operation.credit()
                                ? credits.credit(credit(ann, operation.amount(), operation.id()))
                                : debits.debit(debit(ann, operation.amount(), operation.id()));
                        TransactionView first = succeeded.putIfAbsent(operation.id(), result);
                        if (first != null && !first.equals(result)) {
                            problems.add("retry of " + operation.id() + " returned another transaction");
                        }
                    } catch (RuleViolation e) {
                        if (!e.code().equals("insufficient-funds")) {
                            problems.add(operation.id() + ": " + e.code());
                        }
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

        assertTrue(problems.isEmpty(), problems.toString());
        long expected = succeeded.values().stream().mapToLong(TransactionView::signedAmount).sum();
        WalletQueryService queries = new WalletQueryService(wallets, ledger);
        assertEquals(expected, queries.wallet(ann).balance());
        assertEquals(succeeded.size(), ledger.all(ann).size());
        assertTrue(succeeded.size() > THREADS * OPERATIONS / 3, "most operations went through: " + succeeded.size());
        var report = queries.reconcile(ann);
        assertTrue(report.consistent(), report.findings().toString());
    }
}
